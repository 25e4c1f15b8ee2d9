package com.forecap.adapter.out.json;

/**
 * A quick scan that vouches for the common list column: plain JSON (RFC 8259) made of arrays, objects,
 * ASCII or BMP text with the usual escapes, plain numbers, {@code true}, {@code false} and {@code null},
 * nested less than {@link JacksonRecapJson#MAX_NESTING} deep, one array and only whitespace around it. It
 * allocates nothing. It never rejects: whatever it is not sure of (anything outside that grammar, an
 * error, a surrogate, a long number) it leaves to Jackson's parser, which decides and says what is
 * wrong. So it can only make a valid column cheaper to check, never change the verdict.
 */
final class JsonArrayScan {

    private static final int LONGEST_NUMBER = 100;

    private final String text;
    private final int length;
    private int at;

    private JsonArrayScan(String text) {
        this.text = text;
        this.length = text.length();
    }

    /**
     * Whether the text is surely one well-formed JSON array with nothing but whitespace around it.
     *
     * @param text the column's text
     * @return {@code true} when it surely is; {@code false} when the full parser must decide
     */
    static boolean surelyArray(String text) {
        JsonArrayScan scan = new JsonArrayScan(text);
        scan.whitespace();
        if (scan.at >= scan.length || text.charAt(scan.at) != '[') {
            return false;
        }
        if (!scan.value(1)) {
            return false;
        }
        scan.whitespace();
        return scan.at == scan.length;
    }

    private void whitespace() {
        while (at < length) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    /** Scans one value starting at {@code at} (whitespace already skipped); depth is the value's nesting if a container. */
    private boolean value(int depth) {
        if (at >= length) {
            return false;
        }
        char c = text.charAt(at);
        return switch (c) {
            case '[' -> depth < JacksonRecapJson.MAX_NESTING && array(depth);
            case '{' -> depth < JacksonRecapJson.MAX_NESTING && object(depth);
            case '"' -> string();
            case 't' -> word("true");
            case 'f' -> word("false");
            case 'n' -> word("null");
            default -> c == '-' || (c >= '0' && c <= '9') ? number() : false;
        };
    }

    private boolean array(int depth) {
        if (opensEmpty(']')) {
            return true;
        }
        while (true) {
            if (!value(depth + 1)) {
                return false;
            }
            int next = afterMember(']');
            if (next != 0) {
                return next > 0;
            }
        }
    }

    private boolean object(int depth) {
        if (opensEmpty('}')) {
            return true;
        }
        while (true) {
            if (at >= length || text.charAt(at) != '"' || !string()) {
                return false;
            }
            whitespace();
            if (at >= length || text.charAt(at++) != ':') {
                return false;
            }
            whitespace();
            if (!value(depth + 1)) {
                return false;
            }
            int next = afterMember('}');
            if (next != 0) {
                return next > 0;
            }
        }
    }

    /** Steps over the opening bracket; true (and over {@code close} too) when the container is empty. */
    private boolean opensEmpty(char close) {
        at++;
        whitespace();
        if (at < length && text.charAt(at) == close) {
            at++;
            return true;
        }
        return false;
    }

    /** After a member: 1 when {@code close} ends the container, 0 after a comma, -1 on anything else. */
    private int afterMember(char close) {
        whitespace();
        if (at >= length) {
            return -1;
        }
        char c = text.charAt(at++);
        if (c == close) {
            return 1;
        }
        if (c != ',') {
            return -1;
        }
        whitespace();
        return 0;
    }

    private boolean string() {
        at++;
        while (at < length) {
            char c = text.charAt(at++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20 || Character.isSurrogate(c)) {
                return false;
            }
            if (c == '\\') {
                if (at >= length) {
                    return false;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                    }
                    case 'u' -> {
                        if (at + 4 > length) {
                            return false;
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(text.charAt(at++), 16);
                            if (digit < 0) {
                                return false;
                            }
                            code = code << 4 | digit;
                        }
                        if (Character.isSurrogate((char) code)) {
                            return false;
                        }
                    }
                    default -> {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    private boolean word(String word) {
        if (!text.startsWith(word, at)) {
            return false;
        }
        at += word.length();
        return at >= length || !Character.isLetterOrDigit(text.charAt(at));
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, followed by a character that ends it. */
    private boolean number() {
        int start = at;
        if (text.charAt(at) == '-') {
            at++;
        }
        if (at >= length) {
            return false;
        }
        char first = text.charAt(at);
        if (first == '0') {
            at++;
        } else if (first >= '1' && first <= '9') {
            digits();
        } else {
            return false;
        }
        if (at < length && text.charAt(at) == '.') {
            at++;
            if (digits() == 0) {
                return false;
            }
        }
        if (at < length && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < length && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        if (at - start > LONGEST_NUMBER) {
            return false;
        }
        if (at >= length) {
            return true;
        }
        char next = text.charAt(at);
        return next == ',' || next == ']' || next == '}' || next == ' ' || next == '\n' || next == '\r' || next == '\t';
    }

    private int digits() {
        int start = at;
        while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - start;
    }
}
