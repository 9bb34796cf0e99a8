package io.tenantwatch.detectors.stateful;

import java.util.List;

/**
 * An RBAC write that raised a starting detector, as {@link SequenceMatcher} keeps it: enough to
 * name it in the alert, and whether a workload write already completed its sequence.
 *
 * @param request   what it did, as a phrase: {@code created clusterrolebindings/pwn in cluster scope}
 * @param detectors the detectors its event raised (several detectors may raise on one write)
 */
record SequenceStart(String auditId, long time, String request, List<String> detectors, boolean matched) {

    SequenceStart {
        detectors = detectors == null ? List.of() : List.copyOf(detectors);
    }

    static SequenceStart of(Observation alert, long time) {
        return new SequenceStart(
                alert.auditId(),
                time,
                AlertPhrases.request(alert) + " in " + AlertPhrases.place(alert.namespace(), alert.tenant()),
                List.of(alert.detector()),
                false);
    }

    SequenceStart raisedAlso(String detector) {
        if (detectors.contains(detector)) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(detectors);
        all.add(detector);
        return new SequenceStart(auditId, time, request, all, matched);
    }

    SequenceStart completed() {
        return new SequenceStart(auditId, time, request, detectors, true);
    }

    /** The starts kept at one event time for one actor (several RBAC writes may share a millisecond). */
    record AtTime(List<SequenceStart> items) {
        AtTime {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** The workload writes (rbac-then-workload's observations) kept at one event time for one actor, waiting for a late start. */
    record FollowUps(List<Observation> items) {
        FollowUps {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
