package com.forecap.application.importing.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.forecap.application.importing.port.out.StoreImportedRecapsPort.ImportedRecap;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;

/**
 * Checks one import row against the schema of {@code user_recap_data}, so that nothing is cut, rounded
 * or turned into a default by the database: {@code user_id} 1..4294967295 and {@code user_name}
 * required; whole numbers {@code INT UNSIGNED} (empty is NULL, for {@code trx_count} 0); the amount
 * {@code DECIMAL(12,2)} exactly; text within its column's length; lists the text of a JSON array.
 */
public final class ImportRowValidator {

    /** Largest {@code INT UNSIGNED}. */
    public static final long MAX_UNSIGNED_INT = 4_294_967_295L;
    private static final int TEXT_BYTES = 65_535;
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");

    private final RecapJsonPort json;

    /**
     * Creates the validator.
     *
     * @param json checks the list columns
     */
    public ImportRowValidator(RecapJsonPort json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * A row's outcome: the recap, or what is wrong.
     *
     * @param recap    the valid row, or {@code null}
     * @param problems column and reason of each problem, empty when valid
     */
    public record Outcome(ImportedRecap recap, List<Problem> problems) {
    }

    /**
     * One problem.
     *
     * @param column the schema column
     * @param reason what is wrong
     */
    public record Problem(String column, String reason) {
    }

    /**
     * Checks a row.
     *
     * @param row cell text by schema column; absent or empty means no value
     * @return the outcome
     */
    public Outcome validate(Map<String, String> row) {
        String[] cells = new String[ImportColumns.ALL.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = row.get(ImportColumns.ALL.get(i));
        }
        return validate(cells);
    }

    /**
     * Checks a row given as an array.
     *
     * @param cells cell text in the order of {@link ImportColumns#ALL}; {@code null} or empty means no value
     * @return the outcome
     */
    public Outcome validate(String[] cells) {
        if (cells.length != ImportColumns.ALL.size()) {
            throw new IllegalArgumentException("expected " + ImportColumns.ALL.size() + " cells, got " + cells.length);
        }
        Checker check = new Checker(cells);
        Long id = check.userId();
        String name = check.text(1, 255, true);
        long trx = Objects.requireNonNullElse(check.whole(2), 0L);
        Long variant = check.whole(3);
        Long point = check.whole(4);
        String pointDescription = check.textBytes(5);
        Long redeem = check.whole(6);
        String productName = check.text(7, 255, false);
        String image = check.text(8, 500, false);
        Long delivery = check.whole(9);
        Long pickup = check.whole(10);
        String subsDesc = check.text(11, 100, false);
        BigDecimal amount = check.amount(12);
        Long ranking = check.whole(13);
        JsonArrayText circular = check.list(14);
        JsonArrayText favorite = check.list(15);
        JsonArrayText stores = check.list(16);
        if (check.problems != null) {
            return new Outcome(null, check.problems);
        }
        return new Outcome(new ImportedRecap(id, new UserRecap(name, trx, variant, point, pointDescription, redeem,
                productName, image, delivery, pickup, subsDesc, amount, ranking, circular, favorite, stores)), List.of());
    }

    /** Checks the columns of one row, collecting problems. */
    private final class Checker {
        private final String[] cells;
        private List<Problem> problems;

        Checker(String[] cells) {
            this.cells = cells;
        }

        private void problem(String column, String reason) {
            if (problems == null) {
                problems = new ArrayList<>(2);
            }
            problems.add(new Problem(column, reason));
        }

        private String value(int index) {
            String value = cells[index];
            return value == null || value.isEmpty() ? null : value;
        }

        Long userId() {
            String value = value(0);
            if (value == null || value.isBlank()) {
                problem("user_id", "required");
                return null;
            }
            Long id = parseWhole("user_id", value.strip());
            if (id != null && id < 1) {
                problem("user_id", "must be 1..4294967295, was " + value.strip());
                return null;
            }
            return id;
        }

        Long whole(int index) {
            String value = value(index);
            if (value == null || value.isBlank()) {
                return null;
            }
            return parseWhole(ImportColumns.ALL.get(index), value.strip());
        }

        private Long parseWhole(String column, String text) {
            int length = text.length();
            boolean digits = length > 0 && length <= 12;
            for (int i = 0; digits && i < length; i++) {
                char c = text.charAt(i);
                digits = c >= '0' && c <= '9';
            }
            if (!digits) {
                problem(column, "must be a whole number 0..4294967295, was " + shorten(text));
                return null;
            }
            long value = Long.parseLong(text);
            if (value > MAX_UNSIGNED_INT) {
                problem(column, "must be at most 4294967295 (INT UNSIGNED), was " + text);
                return null;
            }
            return value;
        }

        String text(int index, int maxChars, boolean required) {
            String column = ImportColumns.ALL.get(index);
            String value = value(index);
            if (value == null) {
                if (required) {
                    problem(column, "required");
                }
                return null;
            }
            if (value.length() > maxChars && value.codePointCount(0, value.length()) > maxChars) {
                problem(column, "longer than " + maxChars + " characters (" + value.codePointCount(0, value.length()) + ")");
                return null;
            }
            return value;
        }

        String textBytes(int index) {
            String column = ImportColumns.ALL.get(index);
            String value = value(index);
            if (value == null) {
                return null;
            }
            if (value.length() > TEXT_BYTES / 4) {
                int bytes = value.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > TEXT_BYTES) {
                    problem(column, "longer than " + TEXT_BYTES + " bytes of UTF-8 (TEXT), was " + bytes);
                    return null;
                }
            }
            return value;
        }

        BigDecimal amount(int index) {
            String column = ImportColumns.ALL.get(index);
            String value = value(index);
            if (value == null || value.isBlank()) {
                return null;
            }
            String text = value.strip();
            if (!DECIMAL.matcher(text).matches()) {
                problem(column, "must be a decimal number like 12345.67, was " + shorten(text));
                return null;
            }
            BigDecimal amount = new BigDecimal(text);
            if (amount.scale() > 2) {
                BigDecimal stripped = amount.stripTrailingZeros();
                if (stripped.scale() > 2) {
                    problem(column, "more than 2 decimals (DECIMAL(12,2)), was " + text);
                    return null;
                }
                amount = amount.setScale(2);
            }
            if (amount.precision() - amount.scale() > 10) {
                problem(column, "more than 10 digits before the point (DECIMAL(12,2)), was " + text);
                return null;
            }
            return amount;
        }

        JsonArrayText list(int index) {
            String column = ImportColumns.ALL.get(index);
            String value = value(index);
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return json.storedList(value);
            } catch (RecapJsonPort.MalformedListException | IllegalArgumentException e) {
                problem(column, "not a JSON array: " + e.getMessage());
                return null;
            }
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? "'" + text + "'" : "'" + text.substring(0, 37) + "...'";
    }
}
