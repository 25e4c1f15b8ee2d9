package com.forecap.domain.recap;

import java.util.Objects;

/**
 * A recap already in its wire form (UTF-8 JSON), encoded once when it was loaded and then served as
 * bytes as often as it is asked for.
 *
 * <p>To serve without copying, the array is shared, not copied: whoever creates an instance hands the
 * array over and must not change it afterwards, and readers must not change it either.
 */
public final class EncodedRecap {

    private final byte[] json;

    private EncodedRecap(byte[] json) {
        this.json = json;
    }

    /**
     * Takes ownership of an encoded recap.
     *
     * @param json the UTF-8 JSON bytes; not copied and never to be changed afterwards
     * @return the encoded recap
     */
    public static EncodedRecap ofJson(byte[] json) {
        Objects.requireNonNull(json, "json");
        if (json.length == 0) {
            throw new IllegalArgumentException("an encoded recap cannot be empty");
        }
        return new EncodedRecap(json);
    }

    /**
     * The JSON bytes, shared: read them, never change them.
     *
     * @return the bytes
     */
    public byte[] json() {
        return json;
    }

    /**
     * Size of the encoded form.
     *
     * @return number of bytes
     */
    public int length() {
        return json.length;
    }

    @Override
    public String toString() {
        return "EncodedRecap[" + json.length + " bytes]";
    }
}
