package com.forecap.domain.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * When recaps may be served. Either end may be open ({@code null}); {@link #ALWAYS} has both open and
 * is the default. Both ends are inclusive.
 *
 * @param start first instant served, or {@code null} for no start
 * @param end   last instant served, or {@code null} for no end
 */
public record CampaignWindow(Instant start, Instant end) {

    /** No restriction. */
    public static final CampaignWindow ALWAYS = new CampaignWindow(null, null);

    /** Validates the order of the ends. */
    public CampaignWindow {
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("campaign end " + end + " is before its start " + start);
        }
    }

    /**
     * Judges the current time.
     *
     * @param now the service's current time
     * @return the refusal, or empty when the campaign is open
     */
    public Optional<RejectionReason> check(Instant now) {
        if (start != null && now.isBefore(start)) {
            return Optional.of(RejectionReason.CAMPAIGN_NOT_STARTED);
        }
        if (end != null && now.isAfter(end)) {
            return Optional.of(RejectionReason.CAMPAIGN_ENDED);
        }
        return Optional.empty();
    }
}
