package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamException;

import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRows;
import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;

/**
 * One sheet of an XLSX workbook read with the JDK's StAX parser, row by row. The shared strings table
 * (where Excel keeps every text cell, so it grows with the file) is first copied to a temporary file,
 * with only each string's offset kept in memory (8 bytes a string), so memory stays bounded whatever
 * the number of distinct texts; readers that keep the table in memory need about as much heap as the
 * text of the whole sheet. The pieces: {@link XlsxWorkbook} finds the sheet's part, {@link XlsxSharedStrings}
 * holds the strings, {@link XlsxRowReader} reads the rows.
 */
final class XlsxSheetRows implements ImportRows {

    private final Path file;
    private final String identity;
    private final ZipFile zip;
    private final XlsxSharedStrings strings;
    private final InputStream sheetStream;
    private final XlsxRowReader rows;
    private final List<String> header;
    private long pendingRow;
    private List<String> pending;

    XlsxSheetRows(Path file, String sheetName, String identity) throws IOException {
        this.file = file;
        this.identity = identity;
        this.zip = new ZipFile(file.toFile());
        XlsxSharedStrings loaded = null;
        InputStream stream = null;
        try {
            XlsxWorkbook workbook = new XlsxWorkbook(file, zip);
            String target = workbook.sheetPart(sheetName);
            loaded = new XlsxSharedStrings(zip, workbook.sharedStringsPart());
            ZipEntry entry = zip.getEntry(target);
            if (entry == null) {
                throw new UnreadableFileException(file + ": the sheet " + target + " is missing from the workbook", null);
            }
            stream = zip.getInputStream(entry);
            this.strings = loaded;
            this.sheetStream = stream;
            this.rows = new XlsxRowReader(XlsxWorkbook.XML.createXMLStreamReader(stream, "UTF-8"), loaded);
            List<String> first = rows.next();
            if (first == null) {
                throw new UnreadableFileException(file + ": the sheet is empty, expected a header row", null);
            }
            while (!first.isEmpty() && first.get(first.size() - 1).isEmpty()) {
                first.remove(first.size() - 1);
            }
            this.header = List.copyOf(first);
        } catch (XMLStreamException e) {
            closeQuietly(loaded, stream);
            throw new UnreadableFileException(file + ": not a valid XLSX file (" + e.getMessage() + ")", e);
        } catch (RuntimeException | IOException e) {
            closeQuietly(loaded, stream);
            throw e;
        }
    }

    private void closeQuietly(XlsxSharedStrings loaded, InputStream stream) {
        try {
            if (loaded != null) {
                loaded.close();
            }
            if (stream != null) {
                stream.close();
            }
            zip.close();
        } catch (IOException ignored) {
            // the original failure matters
        }
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public String positionName() {
        return "sheet_row";
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public double fractionRead() {
        return -1;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            try {
                pending = rows.next();
            } catch (XMLStreamException | IllegalArgumentException | UncheckedIOException e) {
                // not XML, a row or cell reference that is not a number, a shared string that does not exist, or
                // the spilled shared strings unreadable: the workbook is broken, not the row
                throw new UnreadableFileException(file + ": cannot read the sheet after row " + rows.rowNumber() + ": "
                        + e.getMessage(), e);
            }
            pendingRow = rows.rowNumber();
        }
        return pending != null;
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<String> row = pending;
        pending = null;
        return HeaderCells.row(pendingRow, header, row.toArray(String[]::new), row.size());
    }

    @Override
    public void close() {
        try {
            rows.close();
        } catch (XMLStreamException ignored) {
            // reading is over
        }
        closeQuietly(strings, sheetStream);
    }
}
