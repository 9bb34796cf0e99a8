package io.tenantwatch.detectors.inprocess;

import java.util.List;

/**
 * What the detection step found for one event, as replay's first stage hands it to the second: an
 * alert keyed by its fingerprint, or a group F observation keyed like its event, with the event's
 * time. {@link Batch} is the second stage's record of many.
 */
public record Found(String key, Object value, long timestamp) {

    /** Consecutive findings handed to replay's second stage as one record, by reference ({@link Handoff}). */
    public record Batch(List<Found> found) {

        public Batch {
            found = List.copyOf(found);
        }
    }
}
