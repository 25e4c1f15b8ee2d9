package com.forecap.domain.auth;

/**
 * A rule that proves a request came from a client that knows a shared secret: the client signs the
 * {@code timestamp} and {@code user_id} header strings, the service recomputes and compares.
 *
 * <p>Implementations compare in constant time and never throw for malformed input: a signature that
 * cannot be right is simply not valid.
 */
public interface SignatureScheme {

    /**
     * The name used in configuration, e.g. {@code legacy}.
     *
     * @return the scheme's name
     */
    String name();

    /**
     * Checks a signature over the strings exactly as received.
     *
     * @param timestamp the {@code timestamp} header
     * @param userId    the {@code user_id} header
     * @param sign      the {@code sign} header
     * @return whether {@code sign} is the right signature for the other two
     */
    boolean verify(String timestamp, String userId, String sign);

    /**
     * Computes the signature a client would send: for tests, load generators and tools.
     *
     * @param timestamp the {@code timestamp} header
     * @param userId    the {@code user_id} header
     * @return the {@code sign} header value
     */
    String sign(String timestamp, String userId);
}
