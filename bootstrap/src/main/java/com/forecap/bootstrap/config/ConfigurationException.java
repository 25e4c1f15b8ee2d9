package com.forecap.bootstrap.config;

/** A configuration value is missing or wrong; the message names the key and what is expected. */
public class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which key, what was wrong, what is expected; never the value of a secret
     */
    public ConfigurationException(String message) {
        super(message);
    }
}
