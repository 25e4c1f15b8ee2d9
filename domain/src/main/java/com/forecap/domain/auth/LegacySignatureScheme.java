package com.forecap.domain.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * The original clients' scheme: {@code sign = Base64(timestamp + secret + user_id)}, standard
 * alphabet with padding, over the header bytes exactly as received (HTTP header text is ISO-8859-1,
 * the secret is UTF-8). An empty secret signs {@code timestamp + user_id}.
 *
 * <p>This is an encoding, not a MAC: anyone who sees one request can decode the secret. It is kept
 * for existing clients only.
 */
public final class LegacySignatureScheme implements SignatureScheme {

    /** The configuration name of this scheme. */
    public static final String NAME = "legacy";

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final byte[] secret;

    /**
     * Creates the scheme.
     *
     * @param secret the shared secret, may be empty but not {@code null}
     */
    public LegacySignatureScheme(String secret) {
        this.secret = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean verify(String timestamp, String userId, String sign) {
        if (timestamp == null || userId == null || sign == null) {
            return false;
        }
        byte[] expected = expected(timestamp, userId);
        return MessageDigest.isEqual(expected, sign.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String sign(String timestamp, String userId) {
        return new String(expected(timestamp, userId), StandardCharsets.US_ASCII);
    }

    private byte[] expected(String timestamp, String userId) {
        byte[] ts = timestamp.getBytes(StandardCharsets.ISO_8859_1);
        byte[] id = userId.getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = new byte[ts.length + secret.length + id.length];
        System.arraycopy(ts, 0, message, 0, ts.length);
        System.arraycopy(secret, 0, message, ts.length, secret.length);
        System.arraycopy(id, 0, message, ts.length + secret.length, id.length);
        return BASE64.encode(message);
    }
}
