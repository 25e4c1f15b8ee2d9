package com.forecap.application.observability;

/** Where {@code /metrics} gets its text from. */
@FunctionalInterface
public interface ScrapeMetricsPort {

    /**
     * Writes the current metrics in the format the scraper asks for.
     *
     * @param accept the scraper's {@code Accept} header, may be {@code null}
     * @return the content type and body
     */
    Scrape scrape(String accept);

    /**
     * One scrape's answer.
     *
     * @param contentType the media type of the body
     * @param body        the metrics text
     */
    record Scrape(String contentType, byte[] body) {
    }
}
