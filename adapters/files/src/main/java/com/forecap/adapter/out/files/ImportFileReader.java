package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipException;

import com.forecap.application.importing.port.out.ReadImportRowsPort;

/**
 * Opens import files by their name's extension and reads them row by row, never the whole file:
 * <ul>
 *     <li>{@code .csv}, {@code .tsv} (and {@code .gz} of either): a header row, RFC 4180 quoting (also
 *     with tabs), UTF-8 with or without a byte order mark; a cell is its text as written;</li>
 *     <li>{@code .xlsx}: the only sheet or the named one, first row the header; numeric cells as their
 *     exact decimal text, text cells as written ({@link XlsxSheetRows});</li>
 *     <li>{@code .jsonl}, {@code .ndjson} (and {@code .gz}): one JSON object a line; strings and numbers
 *     as their text, arrays and objects (the list columns) as their JSON text, {@code null} as empty.</li>
 * </ul>
 */
public final class ImportFileReader implements ReadImportRowsPort {

    @Override
    public ImportRows open(Path file, String sheet) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String plain = gzip ? name.substring(0, name.length() - 3) : name;
        if (!Files.exists(file)) {
            throw new UnreadableFileException(file + ": no such file", null);
        }
        if (Files.isDirectory(file)) {
            throw new UnreadableFileException(file + ": is a directory, not a file", null);
        }
        if (!Files.isReadable(file)) {
            throw new UnreadableFileException(file + ": cannot be read (permission denied)", null);
        }
        String identity = identity(file, sheet);
        try {
            if (plain.endsWith(".csv")) {
                return new CsvFileRows("CSV", file, gzip, identity, ',');
            }
            if (plain.endsWith(".tsv") || plain.endsWith(".tab")) {
                return new CsvFileRows("TSV", file, gzip, identity, '\t');
            }
            if (plain.endsWith(".jsonl") || plain.endsWith(".ndjson")) {
                return new JsonLinesRows(file, gzip, identity);
            }
            if (plain.endsWith(".xlsx") && !gzip) {
                return new XlsxSheetRows(file, sheet, identity);
            }
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableFileException(file + ": cannot be read (permission denied)", e);
        } catch (ZipException e) {
            throw new UnreadableFileException(file + ": not a valid " + (gzip ? "gzip" : "XLSX") + " file (" + e.getMessage() + ")", e);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new UnreadableFileException(file + ": cannot be read as " + formatOf(plain) + ": " + rootMessage(e), e);
        }
        if (plain.endsWith(".xls")) {
            throw new UnreadableFileException(file + ": the old Excel format (.xls) is not supported; save it as .xlsx or CSV", null);
        }
        throw new UnreadableFileException(file + ": unknown format; expected .csv, .tsv, .csv.gz, .tsv.gz, .xlsx, .jsonl "
                + "or .jsonl.gz", null);
    }

    private static String formatOf(String name) {
        return name.endsWith(".xlsx") ? "XLSX" : name.endsWith(".tsv") ? "TSV" : name.contains(".json") ? "JSON Lines" : "CSV";
    }

    private static String identity(Path file, String sheet) {
        try {
            return file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis()
                    + (sheet == null ? "" : "|sheet=" + sheet);
        } catch (IOException e) {
            throw new UnreadableFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * What went wrong, in the words of the first failure: the message of a failure's root cause.
     *
     * @param e the failure
     * @return its root cause's message, or that cause's class name when it has none
     */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
