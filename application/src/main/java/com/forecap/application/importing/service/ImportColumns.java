package com.forecap.application.importing.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.forecap.domain.recap.RecapField;

/**
 * The schema's columns under the names an export may give them: the schema's ({@code user_name}), the
 * original import guide's camelCase ({@code userName}, {@code listProductFavorite}) or a mix
 * ({@code list_circular_images}). A name is matched after turning camelCase into snake_case and ignoring
 * case and surrounding spaces.
 */
public final class ImportColumns {

    /** The schema's recap columns, in order. */
    public static final List<String> ALL = RecapField.columns();

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private ImportColumns() {
    }

    /**
     * The schema column a name stands for.
     *
     * @param name a column name as written
     * @return the schema's name, or {@code null} when it is none
     */
    public static String canonical(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip();
        if (!trimmed.isEmpty() && trimmed.charAt(0) == '\uFEFF') {
            trimmed = trimmed.substring(1).strip();
        }
        StringBuilder snake = new StringBuilder(trimmed.length() + 8);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(trimmed.charAt(i - 1))
                    || Character.isDigit(trimmed.charAt(i - 1)))) {
                snake.append('_');
            }
            snake.append(c == ' ' || c == '-' ? '_' : Character.toLowerCase(c));
        }
        String result = snake.toString().toLowerCase(Locale.ROOT);
        return KNOWN.contains(result) ? result : null;
    }

    /**
     * Maps a header to schema columns.
     *
     * @param header the names as written
     * @return the mapping, names as written to schema names
     * @throws IllegalArgumentException when two names stand for the same column
     */
    public static Map<String, String> map(List<String> header) {
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (String name : header) {
            String column = canonical(name);
            if (column == null) {
                continue;
            }
            String earlier = seen.putIfAbsent(column, name);
            if (earlier != null) {
                throw new IllegalArgumentException("columns '" + earlier + "' and '" + name + "' are both " + column);
            }
            mapping.put(name, column);
        }
        return mapping;
    }

    /**
     * The names of a header that are no schema column.
     *
     * @param header the names as written
     * @return the unknown names
     */
    public static List<String> unknown(List<String> header) {
        List<String> unknown = new ArrayList<>();
        for (String name : header) {
            if (canonical(name) == null) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
