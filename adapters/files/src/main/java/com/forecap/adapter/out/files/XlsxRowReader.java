package com.forecap.adapter.out.files;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A sheet part of an XLSX workbook read row by row with StAX, each row as its cells' texts by column:
 * numbers as their exact decimal text, shared strings looked up, inline strings as written, booleans as
 * {@code TRUE} or {@code FALSE}; rows without a non-empty cell are skipped.
 */
final class XlsxRowReader {

    private final XMLStreamReader sheet;
    private final XlsxSharedStrings strings;
    /** Cells of the previous row, to size the next one. */
    private int width;
    private long rowNumber;

    /**
     * Reads a sheet.
     *
     * @param sheet   the sheet part, at its start
     * @param strings the workbook's shared strings
     */
    XlsxRowReader(XMLStreamReader sheet, XlsxSharedStrings strings) {
        this.sheet = sheet;
        this.strings = strings;
    }

    /**
     * The number the sheet gives the row read last.
     *
     * @return 1-based; 0 before the first row
     */
    long rowNumber() {
        return rowNumber;
    }

    /**
     * Reads the next row with a non-empty cell.
     *
     * @return its cell texts by column (an empty text for a column without a cell); {@code null} at the end
     * @throws XMLStreamException when the sheet is not well-formed XML
     */
    List<String> next() throws XMLStreamException {
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT && "row".equals(sheet.getLocalName())) {
                String r = sheet.getAttributeValue(null, "r");
                rowNumber = r == null ? rowNumber + 1 : Long.parseLong(r);
                List<String> row = new ArrayList<>(width + 4);
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
                width = row.size();
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

    /**
     * Stops reading the sheet (the part's stream is its opener's to close).
     *
     * @throws XMLStreamException when the parser cannot be closed
     */
    void close() throws XMLStreamException {
        sheet.close();
    }
}
