package com.forecap.application.shared.port.out;

/**
 * A store behind one of the tools' ports (database, cache, file) failed to read or write; the message
 * is one line a user can act on.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     * @param cause   the underlying failure, may be {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
