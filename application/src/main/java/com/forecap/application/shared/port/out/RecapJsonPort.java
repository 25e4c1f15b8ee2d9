package com.forecap.application.shared.port.out;

import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;

/**
 * The contract's JSON: the recap sent to clients, and the checks on the three list columns that storage
 * keeps as JSON text. Stores that produce recaps use it so that a recap is encoded once, when loaded.
 */
public interface RecapJsonPort {

    /**
     * Encodes a recap as the client sees it: camelCase keys, {@code null} fields left out, the list
     * fields copied in as they are stored.
     *
     * @param recap the recap
     * @return its UTF-8 JSON
     */
    EncodedRecap encode(UserRecap recap);

    /**
     * Checks a stored list column: one well-formed JSON array, whatever its elements, and nothing after
     * it. The text is kept exactly as stored.
     *
     * @param column the column's text, not {@code null}
     * @return the list
     * @throws MalformedListException when the text is not a JSON array
     */
    JsonArrayText storedList(String column);

    /**
     * Whether two lists hold the same JSON value: the same elements in the same order, objects equal
     * whatever the order of their keys and the spacing (MySQL 8 reformats the JSON it stores).
     *
     * @param first  a list, may be {@code null}
     * @param second another, may be {@code null}
     * @return whether both are {@code null} or both hold the same value
     */
    boolean sameList(JsonArrayText first, JsonArrayText second);

    /** A stored list column that is not a JSON array; the message says what is wrong, never the text. */
    final class MalformedListException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong
         */
        public MalformedListException(String message) {
            super(message);
        }
    }
}
