package com.forecap.domain.recap;

import java.util.Objects;

/**
 * One of the recap's list fields as it is stored: the text of a JSON array, written by the data
 * warehouse's export (or by the synthetic data set), served to clients exactly as it is. The recap does
 * not look inside it: elements may carry extra fields, fractions, {@code null}s or nested objects, and
 * all of them reach the client unchanged.
 *
 * <p>Whoever makes one vouches that the text is a single well-formed JSON array; the store adapters
 * check that with a JSON parser before they build a recap, and leave out a column that is not.
 *
 * @param json the array's JSON text, never {@code null}
 */
public record JsonArrayText(String json) {

    /** Checks the cheap part of the promise: the text is bracketed as an array. */
    public JsonArrayText {
        Objects.requireNonNull(json, "json");
        String trimmed = json.strip();
        if (trimmed.length() < 2 || trimmed.charAt(0) != '[' || trimmed.charAt(trimmed.length() - 1) != ']') {
            throw new IllegalArgumentException("a list field must be the text of a JSON array");
        }
    }

    @Override
    public String toString() {
        return json;
    }
}
