package com.forecap.application.recap.port.out;

/**
 * The recap store could not answer now (down, overloaded, timed out); a later attempt may succeed.
 * The message is for logs, never for clients.
 */
public class RecapStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, for logs
     * @param cause   the underlying failure, may be {@code null}
     */
    public RecapStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
