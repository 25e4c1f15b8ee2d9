package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.application.importing.port.out.ReadImportRowsPort.Broken;
import com.forecap.application.importing.port.out.ReadImportRowsPort.Cells;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;

/** JSON Lines: one object a line; blank lines are skipped. */
final class JsonLinesRows extends TextFileRows {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private String pending;
    private long line;
    private long pendingLine;

    JsonLinesRows(Path file, boolean gzip, String identity) throws IOException {
        super(file, gzip, identity);
    }

    @Override
    public String format() {
        return "JSON Lines";
    }

    @Override
    public List<String> header() {
        return List.of();
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            String text;
            try {
                text = reader.readLine();
            } catch (IOException e) {
                throw new UnreadableFileException(file + ": cannot be read after line " + line + ": " + ImportFileReader.rootMessage(e), e);
            }
            if (text == null) {
                return false;
            }
            line++;
            if (!text.isBlank()) {
                pending = text;
                pendingLine = line;
            }
        }
        return true;
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String text = pending;
        pending = null;
        Map<String, String> values = new LinkedHashMap<>(32);
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Broken(pendingLine, "not a JSON object");
            }
            JsonNode node = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                return new Broken(pendingLine, "text after the JSON object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.put(field.getKey(), cell(field.getValue()));
            }
        } catch (JsonProcessingException e) {
            return new Broken(pendingLine, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Cells(pendingLine, values);
    }

    /** A JSON value as cell text: strings as they are, numbers as written, lists and objects as JSON. */
    private static String cell(JsonNode value) throws JsonProcessingException {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        } else if (value.isTextual()) {
            return value.textValue();
        } else if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        } else if (value.isContainerNode()) {
            return JSON.writeValueAsString(value);
        }
        return value.asText();
    }
}
