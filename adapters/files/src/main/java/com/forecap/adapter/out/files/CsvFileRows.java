package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;

/** CSV or TSV with a header row, read by {@link CsvRecords}. */
final class CsvFileRows extends TextFileRows {

    private final String format;
    private final CsvRecords records;
    private final List<String> header;
    private String[] pending;
    private int pendingCount;
    private long pendingLine;

    CsvFileRows(String format, Path file, boolean gzip, String identity, char delimiter) throws IOException {
        super(file, gzip, identity);
        this.format = format;
        this.records = new CsvRecords(reader, delimiter);
        try {
            if (!records.next()) {
                throw new UnreadableFileException(file + ": empty file, expected a header row", null);
            }
            List<String> names = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                names.add(records.get(i));
            }
            if (names.size() == 1 && names.get(0).contains(delimiter == ',' ? "\t" : ",")) {
                throw new UnreadableFileException(file + ": the header row has one column; is this a "
                        + (delimiter == ',' ? "TSV" : "CSV") + " file with the wrong extension?", null);
            }
            this.header = List.copyOf(names);
        } catch (IOException | RuntimeException e) {
            super.close();
            throw e;
        }
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public List<String> header() {
        return header;
    }

    /** Reads ahead past empty lines, keeping the line each record starts on. */
    @Override
    public boolean hasNext() {
        try {
            while (pending == null && records.next()) {
                if (records.size() == 1 && records.get(0).isEmpty()) {
                    continue;
                }
                pendingCount = records.size();
                pending = new String[pendingCount];
                for (int i = 0; i < pendingCount; i++) {
                    pending[i] = records.get(i);
                }
                pendingLine = records.line();
            }
            return pending != null;
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableFileException(file + ": cannot be read as " + format + " after line "
                    + (records.currentLine() - 1) + ": " + ImportFileReader.rootMessage(e), e);
        }
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportRow row = HeaderCells.row(pendingLine, header, pending, pendingCount);
        pending = null;
        return row;
    }
}
