package com.forecap.application.recap.port.in;

/**
 * The recap store could not answer (down, overloaded, timed out). Callers should answer "try again
 * later"; the message is for logs, never for clients.
 */
public class RecapUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, for logs
     * @param cause   the underlying failure, may be {@code null}
     */
    public RecapUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
