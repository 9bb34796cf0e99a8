package io.tenantwatch.detectors.stateful;

import java.time.Duration;
import java.util.List;

/**
 * A group F detector that counts one actor's observations in tumbling event-time windows
 * ({@link ActorWindows}): what each observation adds to the window's two sets of distinct values,
 * and whether a closed window is a finding.
 */
interface WindowedDetector extends ObservingDetector {

    /** How many distinct values a window keeps per set: enough for the threshold and the evidence. */
    int EVIDENCE_VALUES = 20;

    Duration window();

    /** How long after a window's end its late events are still counted; after that they are late. */
    Duration grace();

    /** The value this observation adds to the window's first set of distinct values; null for none. */
    String firstValue(Observation observation);

    /** The value this observation adds to the window's second set; null for none (the default: one set). */
    default String secondValue(Observation observation) {
        return null;
    }

    /**
     * Windows are kept per actor and first value, not per actor: each window counts one target, so
     * its first set holds that one value. False for a detector that counts an actor's spread.
     */
    default boolean keyedByFirstValue() {
        return false;
    }

    /**
     * How many distinct values of each set are kept (at least the threshold, so counting stays exact
     * up to it); the default, for a detector that counts no distinct values, is the evidence's.
     */
    default int valuesKept() {
        return kept();
    }

    boolean fires(ActorWindow window);

    String summary(ActorWindow window);

    /** Detector-specific evidence lines: the distinct values, named. */
    List<String> details(ActorWindow window);

    static int kept(long... thresholds) {
        long most = EVIDENCE_VALUES;
        for (long t : thresholds) {
            most = Math.max(most, t);
        }
        return (int) Math.min(most, 1000);
    }
}
