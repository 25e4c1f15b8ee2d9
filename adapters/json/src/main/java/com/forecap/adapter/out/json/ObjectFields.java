package com.forecap.adapter.out.json;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** The scalar fields of one small JSON object, read by name; unknown fields are skipped. */
final class ObjectFields {

    private final Map<String, Object> values = new HashMap<>(4);

    private ObjectFields() {
    }

    /**
     * Reads an object whose start token is current.
     *
     * @param json  the parser, positioned on {@code START_OBJECT}
     * @param names the fields to keep
     * @return the fields found
     * @throws IOException when the input is not JSON
     */
    static ObjectFields read(JsonParser json, String... names) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("expected an object but found " + json.currentToken());
        }
        Set<String> wanted = Set.of(names);
        ObjectFields fields = new ObjectFields();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (!wanted.contains(name)) {
                json.skipChildren();
            } else if (value == JsonToken.VALUE_STRING) {
                fields.values.put(name, json.getText());
            } else if (value == JsonToken.VALUE_NUMBER_INT) {
                fields.values.put(name, json.getIntValue());
            } else if (value != JsonToken.VALUE_NULL) {
                throw new IllegalArgumentException("unexpected " + value + " for field " + name);
            }
        }
        return fields;
    }

    String required(String name) {
        String text = text(name);
        if (text == null) {
            throw new IllegalArgumentException("missing field " + name);
        }
        return text;
    }

    String text(String name) {
        Object value = values.get(name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("field " + name + " is not a string");
        }
        return (String) value;
    }

    int integer(String name) {
        if (!(values.get(name) instanceof Integer number)) {
            throw new IllegalArgumentException("field " + name + " is not an integer");
        }
        return number;
    }
}
