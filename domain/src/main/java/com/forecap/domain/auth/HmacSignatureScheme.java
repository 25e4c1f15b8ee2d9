package com.forecap.domain.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real MAC: {@code sign = keyId ":" Base64(HMAC-SHA256(key, timestamp + "\n" + user_id))}.
 *
 * <p>Keys have ids so they can be rotated: during a rollover the service holds the new key and the
 * old one, and accepts a signature made with either. A signature without a key id ({@code "Base64"}
 * alone) is checked against every key. Comparison is constant-time; the key never leaves the process.
 */
public final class HmacSignatureScheme implements SignatureScheme {

    /** The configuration name of this scheme. */
    public static final String NAME = "hmac-sha256";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_SIGN_LENGTH = 128;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Map<String, Mac> prototypes;
    private final String signingKeyId;

    /**
     * Creates the scheme.
     *
     * @param keys         key id to secret, in preference order; the first signs (for tools), all verify
     * @throws IllegalArgumentException when there is no key, a key is shorter than 32 bytes, or an id is malformed
     */
    public HmacSignatureScheme(Map<String, String> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("hmac-sha256 needs at least one key");
        }
        Map<String, Mac> macs = new LinkedHashMap<>();
        keys.forEach((id, secret) -> {
            if (id == null || !id.matches("[A-Za-z0-9_.-]{1,32}")) {
                throw new IllegalArgumentException("key id must be 1-32 letters, digits, '.', '_' or '-'");
            }
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalArgumentException("key '" + id + "' must be at least 32 bytes");
            }
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
                macs.put(id, mac);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
        this.prototypes = Map.copyOf(macs);
        this.signingKeyId = macs.keySet().iterator().next();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean verify(String timestamp, String userId, String sign) {
        if (timestamp == null || userId == null || sign == null || sign.length() > MAX_SIGN_LENGTH) {
            return false;
        }
        int colon = sign.indexOf(':');
        byte[] given = sign.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1);
        if (colon >= 0) {
            Mac prototype = prototypes.get(sign.substring(0, colon));
            return prototype != null && MessageDigest.isEqual(mac(prototype, timestamp, userId), given);
        }
        boolean valid = false;
        for (Mac prototype : prototypes.values()) {
            valid |= MessageDigest.isEqual(mac(prototype, timestamp, userId), given);
        }
        return valid;
    }

    @Override
    public String sign(String timestamp, String userId) {
        return signingKeyId + ":" + new String(mac(prototypes.get(signingKeyId), timestamp, userId), StandardCharsets.US_ASCII);
    }

    private static byte[] mac(Mac prototype, String timestamp, String userId) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 implementation cannot be cloned", e);
        }
        mac.update(timestamp.getBytes(StandardCharsets.ISO_8859_1));
        mac.update((byte) '\n');
        return BASE64.encode(mac.doFinal(userId.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
