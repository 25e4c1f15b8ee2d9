package com.forecap.domain.auth;

/**
 * Checks a bearer token minted by the app's identity provider, where the logged-in user is known, and
 * says which user it was minted for. Implementations check the signature against the provider's keys,
 * the issuer, the audience and the validity period, and never throw for a malformed token.
 */
public interface TokenVerifier {

    /**
     * Checks one token.
     *
     * @param token the token, as it follows {@code Bearer } in the {@code Authorization} header
     * @return {@link Authentication.Accepted} with the user the token names, or
     *         {@link Authentication.Refused} with {@link RejectionReason#INVALID_TOKEN} or
     *         {@link RejectionReason#EXPIRED_TOKEN}
     * @throws KeysUnavailableException when the provider's keys cannot be had now, so that no token can
     *                                  be judged
     */
    Authentication verify(String token);

    /** The provider's keys cannot be had now: the request should be retried, the token is not at fault. */
    final class KeysUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed, without the token
         * @param cause   the underlying failure
         */
        public KeysUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
