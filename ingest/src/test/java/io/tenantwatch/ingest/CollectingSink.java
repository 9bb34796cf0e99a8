package io.tenantwatch.ingest;

import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps everything a reader emits, for assertions. */
public final class CollectingSink implements ReadSink {

    public record Outcome(Reason reason, String detail, byte[] original) {}

    public final List<NormalizedEvent> events = new ArrayList<>();
    public final List<Outcome> skips = new ArrayList<>();
    public final List<Outcome> rejections = new ArrayList<>();

    @Override
    public void event(NormalizedEvent e) {
        events.add(e);
    }

    @Override
    public void skipped(Reason reason, String detail) {
        skips.add(new Outcome(reason, detail, null));
    }

    @Override
    public void rejected(Reason reason, String detail, byte[] original) {
        rejections.add(new Outcome(reason, detail, original));
    }

    public int calls() {
        return events.size() + skips.size() + rejections.size();
    }

    public NormalizedEvent onlyEvent() {
        if (events.size() != 1 || calls() != 1) {
            throw new AssertionError("expected exactly one event, got " + summary());
        }
        return events.get(0);
    }

    public Outcome onlySkip() {
        if (skips.size() != 1 || calls() != 1) {
            throw new AssertionError("expected exactly one skip, got " + summary());
        }
        return skips.get(0);
    }

    public Outcome onlyRejection() {
        if (rejections.size() != 1 || calls() != 1) {
            throw new AssertionError("expected exactly one rejection, got " + summary());
        }
        return rejections.get(0);
    }

    /** "events=N skipped={reason=n} rejected={reason=n}" with details, for failure messages. */
    public String summary() {
        return "events=" + events.size() + " skipped=" + count(skips) + " rejected=" + count(rejections)
                + " details="
                + rejections.stream().map(o -> o.reason() + ": " + o.detail()).toList()
                + skips.stream().map(o -> o.reason() + ": " + o.detail()).toList();
    }

    public static Map<String, Integer> count(List<Outcome> outcomes) {
        Map<String, Integer> out = new TreeMap<>();
        outcomes.forEach(o -> out.merge(o.reason().label(), 1, Integer::sum));
        return out;
    }
}
