package com.forecap.adapter.out.jwt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import com.forecap.domain.auth.Authentication;

/**
 * Verified tokens remembered by their SHA-256 (not the token itself) until they expire, so that a client that
 * sends the same token again costs a hash and a lookup instead of a signature check. Only verified tokens are
 * put here, so refused ones cannot fill the memory; the number remembered is bounded.
 */
final class VerifiedTokens {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(VerifiedTokens::sha256);

    private final Cache<TokenHash, Verified> verified;

    /**
     * Creates an empty memo.
     *
     * @param remembered how many verified tokens are remembered at most
     */
    VerifiedTokens(int remembered) {
        verified = Caffeine.newBuilder()
                .maximumSize(remembered)
                .expireAfter(new UntilExpiry())
                .build();
    }

    /**
     * The key a token is remembered by.
     *
     * @param token the token
     * @return its SHA-256
     */
    static TokenHash hash(String token) {
        MessageDigest digest = SHA_256.get();
        ByteBuffer hash = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.ISO_8859_1)));
        return new TokenHash(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    /**
     * The verdict on a token verified before and not yet expired.
     *
     * @param hash the token's hash
     * @return the verdict, or {@code null} when the token is not remembered
     */
    Authentication.Accepted known(TokenHash hash) {
        Verified known = verified.getIfPresent(hash);
        return known == null ? null : known.accepted();
    }

    /**
     * Remembers a verified token until it expires.
     *
     * @param hash     the token's hash
     * @param accepted the verdict
     * @param expires  the token's {@code exp}
     */
    void remember(TokenHash hash, Authentication.Accepted accepted, Instant expires) {
        verified.put(hash, new Verified(accepted, expires));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** SHA-256 of a token, as four longs: the cache key. */
    record TokenHash(long a, long b, long c, long d) {
    }

    /** A verified token's verdict and the instant it expires. */
    private record Verified(Authentication.Accepted accepted, Instant expires) {
    }

    /** A remembered token leaves the cache when it expires. */
    private static final class UntilExpiry implements Expiry<TokenHash, Verified> {
        @Override
        public long expireAfterCreate(TokenHash key, Verified value, long currentTime) {
            return Math.max(0, Duration.between(Instant.now(), value.expires()).toNanos());
        }

        @Override
        public long expireAfterUpdate(TokenHash key, Verified value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(TokenHash key, Verified value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
