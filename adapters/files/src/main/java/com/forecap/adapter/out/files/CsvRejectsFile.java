package com.forecap.adapter.out.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.forecap.application.importing.port.out.WriteRejectsPort;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rejects file as CSV: {@code line} (or {@code sheet_row}), {@code user_id}, {@code column},
 * {@code reason}, one line a problem. Written to a temporary file next to the target and moved into
 * place at the end; a run without rejects leaves no file.
 */
public final class CsvRejectsFile implements WriteRejectsPort {

    @Override
    public Rejects open(Path file, String positionName) {
        return new Rejects() {
            private CSVPrinter printer;
            private Path temporary;

            @Override
            public void reject(long position, String userId, String column, String reason) {
                try {
                    if (printer == null) {
                        Path parent = file.toAbsolutePath().getParent();
                        temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
                        BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                        printer = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get().print(writer);
                        printer.printRecord(positionName, "user_id", "column", "reason");
                    }
                    printer.printRecord(position, userId, column, reason);
                } catch (IOException e) {
                    throw new UnwritableRejectsException("cannot write the rejects file " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                try {
                    if (printer == null) {
                        Files.deleteIfExists(file);
                        return;
                    }
                    printer.close(true);
                    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UnwritableRejectsException("cannot write the rejects file " + file + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
