package com.forecap.adapter.out.jwt;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * The provider's key set (JWKS), fetched on demand behind a cache ({@link JwtTokenVerifier.Settings#keysTtl()}),
 * a rate limit on fetches for unknown key ids ({@link JwtTokenVerifier.Settings#refreshAtMostEvery()}) and an
 * outage tolerance of an hour, with a fetch timeout and a size limit; every fetch is counted.
 */
final class ProviderKeys {

    private static final long OUTAGE_TOLERANCE_MILLIS = Duration.ofHours(1).toMillis();
    private static final int KEY_SET_SIZE_LIMIT = 512 * 1024;

    private ProviderKeys() {
    }

    /**
     * The key source of the configured provider; nothing is fetched until a key is asked for.
     *
     * @param settings where the keys are and how long they are kept
     * @param fetches  counts the fetches
     * @return the key source
     * @throws IllegalArgumentException when the JWKS address is not a URL
     */
    static JWKSource<SecurityContext> of(JwtTokenVerifier.Settings settings, LongAdder fetches) {
        URL jwks;
        try {
            jwks = settings.jwksUri().toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWKS address is not a URL: " + settings.jwksUri(), e);
        }
        int timeout = (int) settings.fetchTimeout().toMillis();
        ResourceRetriever fetch = new CountingRetriever(new DefaultResourceRetriever(timeout, timeout, KEY_SET_SIZE_LIMIT),
                fetches);
        return JWKSourceBuilder.<SecurityContext>create(jwks, fetch)
                .cache(settings.keysTtl().toMillis(), settings.fetchTimeout().toMillis())
                .rateLimited(settings.refreshAtMostEvery().toMillis())
                .outageTolerant(OUTAGE_TOLERANCE_MILLIS)
                .build();
    }

    /** Counts the key set fetches. */
    private record CountingRetriever(ResourceRetriever delegate, LongAdder count) implements ResourceRetriever {
        @Override
        public Resource retrieveResource(URL url) throws IOException {
            count.increment();
            return delegate.retrieveResource(url);
        }
    }
}
