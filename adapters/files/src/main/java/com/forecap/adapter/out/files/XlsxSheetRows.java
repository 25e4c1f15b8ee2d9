package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRows;
import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;

/**
 * One sheet of an XLSX workbook read with the JDK's StAX parser, row by row. The shared strings table
 * (where Excel keeps every text cell, so it grows with the file) is first copied to a temporary file,
 * with only each string's offset kept in memory (8 bytes a string), so memory stays bounded whatever
 * the number of distinct texts; readers that keep the table in memory need about as much heap as the
 * text of the whole sheet.
 */
final class XlsxSheetRows implements ImportRows {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final XMLInputFactory XML = XMLInputFactory.newDefaultFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, true);
        // a sheet part is one long document; the JDK's entity size limits are meant for entity expansion
        XML.setProperty("jdk.xml.maxGeneralEntitySizeLimit", "0");
        XML.setProperty("jdk.xml.totalEntitySizeLimit", "0");
    }

    private final Path file;
    private final String identity;
    private final ZipFile zip;
    private final SharedStrings strings;
    private final InputStream sheetStream;
    private final XMLStreamReader sheet;
    private final List<String> header;
    private final List<String> cells = new ArrayList<>();
    private long rowNumber;
    private long pendingRow;
    private List<String> pending;

    XlsxSheetRows(Path file, String sheetName, String identity) throws IOException {
        this.file = file;
        this.identity = identity;
        this.zip = new ZipFile(file.toFile());
        SharedStrings loaded = null;
        InputStream stream = null;
        try {
            Map<String, String> targets = relationships();
            Map<String, String> sheets = sheets(targets);
            String target;
            if (sheetName == null) {
                if (sheets.size() > 1) {
                    throw new UnreadableFileException(file + ": the workbook has " + sheets.size() + " sheets ("
                            + String.join(", ", sheets.keySet()) + "): choose one with --sheet", null);
                }
                if (sheets.isEmpty()) {
                    throw new UnreadableFileException(file + ": the workbook has no sheet", null);
                }
                target = sheets.values().iterator().next();
            } else {
                target = sheets.get(sheetName);
                if (target == null) {
                    throw new UnreadableFileException(file + ": no sheet named '" + sheetName + "' (the workbook has "
                            + String.join(", ", sheets.keySet()) + ")", null);
                }
            }
            String stringsPath = targets.getOrDefault("sharedStrings", "xl/sharedStrings.xml");
            loaded = new SharedStrings(zip, stringsPath);
            ZipEntry entry = zip.getEntry(target);
            if (entry == null) {
                throw new UnreadableFileException(file + ": the sheet " + target + " is missing from the workbook", null);
            }
            stream = zip.getInputStream(entry);
            this.strings = loaded;
            this.sheetStream = stream;
            this.sheet = XML.createXMLStreamReader(stream, "UTF-8");
            List<String> first = readRow();
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

    private void closeQuietly(SharedStrings loaded, InputStream stream) {
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

    /** Relationship targets of the workbook by id, plus {@code sharedStrings} for the strings part. */
    private Map<String, String> relationships() throws IOException, XMLStreamException {
        Map<String, String> targets = new HashMap<>();
        forEachElement("xl/_rels/workbook.xml.rels", "Relationship", xml -> {
            String target = xml.getAttributeValue(null, "Target");
            String path = target.startsWith("/") ? target.substring(1) : "xl/" + target;
            targets.put(xml.getAttributeValue(null, "Id"), path);
            String type = xml.getAttributeValue(null, "Type");
            if (type != null && type.endsWith("/sharedStrings")) {
                targets.put("sharedStrings", path);
            }
        });
        return targets;
    }

    /** Sheet names to their part, in workbook order. */
    private Map<String, String> sheets(Map<String, String> targets) throws IOException, XMLStreamException {
        Map<String, String> sheets = new LinkedHashMap<>();
        forEachElement("xl/workbook.xml", "sheet", xml -> {
            String id = null;
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                if ("id".equals(xml.getAttributeLocalName(i))) {
                    id = xml.getAttributeValue(i);
                }
            }
            sheets.put(xml.getAttributeValue(null, "name"), targets.get(id));
        });
        return sheets;
    }

    /** Hands every start of {@code element} in a part the workbook must have to {@code each}. */
    private void forEachElement(String part, String element, Consumer<XMLStreamReader> each)
            throws IOException, XMLStreamException {
        ZipEntry entry = zip.getEntry(part);
        if (entry == null) {
            throw new UnreadableFileException(file + ": not an XLSX workbook (no " + part + ")", null);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in, "UTF-8");
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && element.equals(xml.getLocalName())) {
                    each.accept(xml);
                }
            }
        }
    }

    /** The next row with a non-empty cell, as cell texts by column; {@code null} at the end. */
    private List<String> readRow() throws XMLStreamException {
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT && "row".equals(sheet.getLocalName())) {
                String r = sheet.getAttributeValue(null, "r");
                rowNumber = r == null ? rowNumber + 1 : Long.parseLong(r);
                List<String> row = new ArrayList<>(cells.size() + 4);
                boolean any = false;
                int next = 0;
                while (sheet.hasNext()) {
                    event = sheet.next();
                    if (event == XMLStreamConstants.END_ELEMENT && "row".equals(sheet.getLocalName())) {
                        break;
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && "c".equals(sheet.getLocalName())) {
                        String ref = sheet.getAttributeValue(null, "r");
                        int column = ref == null ? next : column(ref);
                        String type = sheet.getAttributeValue(null, "t");
                        String text = cell(type);
                        while (row.size() < column) {
                            row.add("");
                        }
                        row.add(text);
                        any |= !text.isEmpty();
                        next = column + 1;
                    }
                }
                if (any) {
                    return row;
                }
            }
        }
        return null;
    }

    /** Reads a cell's content up to its end tag. */
    private String cell(String type) throws XMLStreamException {
        String value = null;
        StringBuilder inline = null;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_ELEMENT && "c".equals(sheet.getLocalName())) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = sheet.getLocalName();
                if ("v".equals(name)) {
                    value = sheet.getElementText();
                } else if ("t".equals(name)) {
                    if (inline == null) {
                        inline = new StringBuilder();
                    }
                    inline.append(sheet.getElementText());
                } else if ("rPh".equals(name)) {
                    skip("rPh");
                }
            }
        }
        if ("inlineStr".equals(type)) {
            return inline == null ? "" : inline.toString();
        }
        if (value == null) {
            return "";
        }
        if ("s".equals(type)) {
            return strings.get(Integer.parseInt(value.strip()));
        }
        if ("b".equals(type)) {
            return "1".equals(value) ? "TRUE" : "FALSE";
        }
        if (type == null || "n".equals(type)) {
            if (plainWholeNumber(value)) {
                return value;
            }
            try {
                return new BigDecimal(value.strip()).toPlainString();
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    /** Whether a number cell is already as {@link BigDecimal#toPlainString()} would write it: digits, no leading zero. */
    static boolean plainWholeNumber(String value) {
        int length = value.length();
        if (length == 0 || length > 18 || (value.charAt(0) == '0' && length > 1)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private void skip(String element) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Zero-based column of a cell reference such as {@code AB12}. */
    static int column(String ref) {
        int column = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 'A' || c > 'Z') {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
        }
        return column - 1;
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
                pending = readRow();
            } catch (XMLStreamException e) {
                throw new UnreadableFileException(file + ": cannot read the sheet after row " + rowNumber + ": " + e.getMessage(), e);
            }
            pendingRow = rowNumber;
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
            sheet.close();
        } catch (XMLStreamException ignored) {
            // reading is over
        }
        closeQuietly(strings, sheetStream);
    }

    /**
     * The shared strings, spilled to a temporary file: offsets in memory, text on disk. New strings are
     * read through a window of {@value #WINDOW} bytes that only moves forward (a sheet mostly uses new
     * strings in the order they were stored); strings used again come from a bounded table of recently
     * read short strings (texts that repeat, such as names of products), else are read one by one.
     */
    static final class SharedStrings implements AutoCloseable {
        /** Bytes read from the file at a time. */
        static final int WINDOW = 1 << 20;
        /** Strings remembered (a power of two), each at most {@value #RECENT_LONGEST} characters: at most ~37 MB. */
        static final int RECENT = 1 << 16;
        static final int RECENT_LONGEST = 256;
        private final Path spill;
        private final FileChannel channel;
        private long[] offsets = new long[1024];
        private int count;
        /** The file's bytes from {@code windowStart} on, {@code windowLength} of them: strings are mostly first used in order. */
        private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
        private long windowStart;
        private int windowLength;
        /** Recently read short strings by index, one slot per index modulo the size: repeated texts come from memory. */
        private final String[] recent = new String[RECENT];
        private final int[] recentIndex = new int[RECENT];
        private ByteBuffer single = ByteBuffer.allocate(4096);

        SharedStrings(ZipFile zip, String path) throws IOException, XMLStreamException {
            spill = Files.createTempFile("forecap-xlsx-strings", ".bin");
            channel = FileChannel.open(spill, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            ZipEntry entry = zip.getEntry(path);
            if (entry == null) {
                return;
            }
            ByteBuffer out = ByteBuffer.allocate(1 << 16);
            long position = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                XMLStreamReader xml = XML.createXMLStreamReader(in, "UTF-8");
                StringBuilder text = new StringBuilder();
                int depthInPhonetic = 0;
                boolean inItem = false;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String name = xml.getLocalName();
                        if ("si".equals(name)) {
                            inItem = true;
                            text.setLength(0);
                        } else if ("rPh".equals(name)) {
                            depthInPhonetic++;
                        } else if ("t".equals(name) && inItem && depthInPhonetic == 0) {
                            text.append(xml.getElementText());
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        String name = xml.getLocalName();
                        if ("rPh".equals(name)) {
                            depthInPhonetic--;
                        } else if ("si".equals(name)) {
                            inItem = false;
                            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                            if (count + 1 >= offsets.length) {
                                offsets = Arrays.copyOf(offsets, offsets.length * 2);
                            }
                            offsets[count++] = position;
                            position += bytes.length;
                            int from = 0;
                            while (from < bytes.length) {
                                int n = Math.min(out.remaining(), bytes.length - from);
                                out.put(bytes, from, n);
                                from += n;
                                if (!out.hasRemaining()) {
                                    out.flip();
                                    while (out.hasRemaining()) {
                                        channel.write(out);
                                    }
                                    out.clear();
                                }
                            }
                        }
                    }
                }
            }
            out.flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            offsets[count] = position;
        }

        String get(int index) {
            if (index < 0 || index >= count) {
                throw new IllegalArgumentException("shared string " + index + " does not exist");
            }
            int slot = index & (RECENT - 1);
            if (recentIndex[slot] == index + 1) {
                return recent[slot];
            }
            long at = offsets[index];
            int length = (int) (offsets[index + 1] - at);
            String text;
            try {
                if (length > WINDOW || at < windowStart) {
                    // a string used before (its slot taken since): read just that one, keep the window
                    if (single.capacity() < length) {
                        single = ByteBuffer.allocate(Math.max(length, single.capacity() * 2));
                    }
                    single.clear().limit(length);
                    read(single, at);
                    if (single.hasRemaining()) {
                        throw new IOException("shared strings file ended early");
                    }
                    text = new String(single.array(), 0, length, StandardCharsets.UTF_8);
                } else {
                    if (at + length > windowStart + windowLength) {
                        window.clear();
                        read(window, at);
                        windowStart = at;
                        windowLength = window.position();
                        if (windowLength < length) {
                            throw new IOException("shared strings file ended early");
                        }
                    }
                    text = new String(window.array(), (int) (at - windowStart), length, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (length <= RECENT_LONGEST) {
                recent[slot] = text;
                recentIndex[slot] = index + 1;
            }
            return text;
        }

        /** Fills the buffer from the file at an offset, as far as the file goes. */
        private void read(ByteBuffer target, long at) throws IOException {
            while (target.hasRemaining()) {
                int n = channel.read(target, at + target.position());
                if (n < 0) {
                    break;
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(spill);
        }
    }
}
