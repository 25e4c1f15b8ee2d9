package com.forecap.adapter.out.json;

import java.io.Writer;

/** An unsynchronised {@link Writer} into a {@link StringBuilder} whose length and parts can be read. */
final class StringBuilderWriter extends Writer {

    private final StringBuilder text;

    StringBuilderWriter(int capacity) {
        this.text = new StringBuilder(capacity);
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        text.append(buffer, offset, length);
    }

    @Override
    public void write(String value, int offset, int length) {
        text.append(value, offset, offset + length);
    }

    @Override
    public void write(int c) {
        text.append((char) c);
    }

    int length() {
        return text.length();
    }

    String substring(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public void flush() {
        // nothing buffered here
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
