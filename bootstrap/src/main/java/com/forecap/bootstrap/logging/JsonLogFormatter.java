package com.forecap.bootstrap.logging;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One JSON object per log line: {@code time}, {@code level}, {@code logger}, {@code message}, the
 * fields of a structured record (a {@link Map} passed as the only parameter, as the access log does),
 * and for a failure its {@code error} (class and message). The stack trace is added only at
 * {@code SEVERE} (ERROR), never at INFO or below.
 */
public final class JsonLogFormatter extends Formatter {

    private final JsonFactory json = new JsonFactory();

    @Override
    public String format(LogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("time", Instant.ofEpochMilli(record.getMillis()).toString());
            line.writeStringField("level", record.getLevel().getName());
            line.writeStringField("logger", record.getLoggerName());
            Object[] parameters = record.getParameters();
            if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
                line.writeStringField("message", record.getMessage());
                for (Map.Entry<?, ?> field : fields.entrySet()) {
                    line.writeFieldName(String.valueOf(field.getKey()));
                    if (field.getValue() instanceof Number number) {
                        line.writeNumber(number.toString());
                    } else {
                        line.writeString(String.valueOf(field.getValue()));
                    }
                }
            } else {
                line.writeStringField("message", formatMessage(record));
            }
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                line.writeStringField("error", thrown.getClass().getName() + ": " + thrown.getMessage());
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    StringWriter stack = new StringWriter();
                    thrown.printStackTrace(new java.io.PrintWriter(stack));
                    line.writeStringField("stack", stack.toString());
                }
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(System.lineSeparator()).toString();
    }
}
