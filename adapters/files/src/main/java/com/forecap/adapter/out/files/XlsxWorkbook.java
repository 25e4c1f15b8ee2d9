package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;

/**
 * An XLSX workbook's table of contents, read from its relationships and workbook parts: which part of the
 * zip holds which sheet, and which the shared strings. Also the StAX factory that every part is read with.
 */
final class XlsxWorkbook {

    /** Reads every XML part of a workbook: no DTD, no external entity, each text in one piece. */
    static final XMLInputFactory XML = XMLInputFactory.newDefaultFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, true);
        // a sheet part is one long document; the JDK's entity size limits are meant for entity expansion
        XML.setProperty("jdk.xml.maxGeneralEntitySizeLimit", "0");
        XML.setProperty("jdk.xml.totalEntitySizeLimit", "0");
    }

    private final Path file;
    private final ZipFile zip;
    private final Map<String, String> targets;
    private final Map<String, String> sheets;

    /**
     * Reads the table of contents of a workbook.
     *
     * @param file the workbook's file, for messages
     * @param zip  the workbook, open; it stays open
     * @throws UnreadableFileException when a part every workbook has is missing
     */
    XlsxWorkbook(Path file, ZipFile zip) throws IOException, XMLStreamException {
        this.file = file;
        this.zip = zip;
        this.targets = relationships();
        this.sheets = sheets(targets);
    }

    /**
     * The part holding the sheet to read.
     *
     * @param sheetName the sheet's name, or {@code null} for the workbook's only sheet
     * @return the part's path in the zip
     * @throws UnreadableFileException when there is no such sheet, no sheet at all, or several and none was named
     */
    String sheetPart(String sheetName) {
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
        return target;
    }

    /**
     * The part holding the shared strings (it may be missing from the zip: a workbook without text cells).
     *
     * @return the part's path in the zip
     */
    String sharedStringsPart() {
        return targets.getOrDefault("sharedStrings", "xl/sharedStrings.xml");
    }

    /** Relationship targets of the workbook by id, plus {@code sharedStrings} for the strings part. */
    private Map<String, String> relationships() throws IOException, XMLStreamException {
        Map<String, String> byId = new HashMap<>();
        forEachElement("xl/_rels/workbook.xml.rels", "Relationship", xml -> {
            String target = xml.getAttributeValue(null, "Target");
            String path = target.startsWith("/") ? target.substring(1) : "xl/" + target;
            byId.put(xml.getAttributeValue(null, "Id"), path);
            String type = xml.getAttributeValue(null, "Type");
            if (type != null && type.endsWith("/sharedStrings")) {
                byId.put("sharedStrings", path);
            }
        });
        return byId;
    }

    /** Sheet names to their part, in workbook order. */
    private Map<String, String> sheets(Map<String, String> byId) throws IOException, XMLStreamException {
        Map<String, String> byName = new LinkedHashMap<>();
        forEachElement("xl/workbook.xml", "sheet", xml -> {
            String id = null;
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                if ("id".equals(xml.getAttributeLocalName(i))) {
                    id = xml.getAttributeValue(i);
                }
            }
            byName.put(xml.getAttributeValue(null, "name"), byId.get(id));
        });
        return byName;
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
}
