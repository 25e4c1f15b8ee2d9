package com.forecap.application.importing.port.in;

/**
 * The use case's answer for a file that cannot be imported at all (missing, unreadable, not in a known
 * format, a header without the required columns); the message is one line a user can act on. Rows that
 * are merely bad are not this: they are rejected one by one into the rejects file.
 */
public class ImportFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     * @param cause   the underlying failure, or {@code null}
     */
    public ImportFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
