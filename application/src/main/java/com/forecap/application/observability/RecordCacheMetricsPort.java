package com.forecap.application.observability;

/**
 * Receives what the cache layers do, for the contract's {@code cache_*} metrics. Cache types are
 * {@code local} (the near cache in the JVM) and {@code redis}. Implementations are thread-safe and cheap.
 */
public interface RecordCacheMetricsPort {

    /** Records nothing. */
    RecordCacheMetricsPort NONE = new RecordCacheMetricsPort() {
        @Override
        public void hit(String cacheType) {
        }

        @Override
        public void miss(String cacheType) {
        }

        @Override
        public void operation(String operation, String cacheType, long nanos) {
        }
    };

    /**
     * A lookup found the recap (or the fact that the user does not exist) in the cache.
     *
     * @param cacheType {@code local} or {@code redis}
     */
    void hit(String cacheType);

    /**
     * A lookup had to go further down.
     *
     * @param cacheType {@code local} or {@code redis}
     */
    void miss(String cacheType);

    /**
     * One cache operation took this long.
     *
     * @param operation e.g. {@code get}, {@code set}, {@code lock}
     * @param cacheType {@code local} or {@code redis}
     * @param nanos     its duration
     */
    void operation(String operation, String cacheType, long nanos);
}
