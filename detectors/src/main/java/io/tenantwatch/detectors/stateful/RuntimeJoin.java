package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.NormalizedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The {@code runtime-then-api} join: a pod's Falco alerts and the requests made with its token, both
 * keyed by pod, paired when a request comes at or after an alert and at most the window later,
 * whichever of the two is read first (audit logs often reach tenantwatch minutes after Falco's).
 *
 * <p>Why not Kafka Streams' stream–stream join: every request looked up the Falco side's window
 * store over the whole window, and that store keeps one segment per millisecond that any Falco
 * alert of any pod was raised in, each visited on every lookup: a twelfth of replay's time with
 * Falco at 1 % of events. Here a request makes one point lookup of its pod's Falco alerts (nearly
 * always none); the requests wait in a window store, under their pod and event id in buckets of
 * {@link #bucket}, which only a Falco alert reads: its pod's range over the two buckets its window
 * reaches.
 */
final class RuntimeJoin implements Processor<String, Observation, String, RuntimeMatch> {

    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final String alertsStoreName;
    private final String requestsStoreName;
    private final long windowMs;
    private final long bucketMs;
    private final long keepAlertsMs;
    private ProcessorContext<String, RuntimeMatch> context;
    private KeyValueStore<String, List<Observation>> alerts;
    private WindowStore<String, Observation> requests;

    /**
     * @param lateAfter what {@link OnTime} lets through before this: records at most this far behind
     *                  stream time
     */
    RuntimeJoin(String alertsStore, String requestsStore, Duration window, Duration lateAfter) {
        this.alertsStoreName = alertsStore;
        this.requestsStoreName = requestsStore;
        this.windowMs = window.toMillis();
        this.bucketMs = bucket(window).toMillis();
        // The latest request that can still pair with an alert is lateAfter behind stream time.
        this.keepAlertsMs = window.plus(lateAfter).toMillis();
    }

    /** The requests store's windows: each request is kept under its time rounded down to this. */
    static Duration bucket(Duration window) {
        return window;
    }

    /** How long the requests store keeps a bucket: a request is wanted while an alert before it can still come. */
    static Duration requestsRetention(Duration window, Duration lateAfter) {
        return lateAfter.plus(bucket(window)).plus(Duration.ofMinutes(1));
    }

    @Override
    public void init(ProcessorContext<String, RuntimeMatch> context) {
        this.context = context;
        this.alerts = context.getStateStore(alertsStoreName);
        this.requests = context.getStateStore(requestsStoreName);
        context.schedule(
                SWEEP_EVERY,
                PunctuationType.STREAM_TIME,
                streamTime -> StoreSweep.deleteWhere(
                        alerts, (pod, podAlerts) -> newest(podAlerts) < streamTime - keepAlertsMs));
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation observation = record.value();
        String pod = record.key();
        if (observation == null || pod == null || observation.time() == null) {
            return;
        }
        if (NormalizedEvent.SOURCE_FALCO.equals(observation.source())) {
            alertRaised(pod, observation);
        } else if (NormalizedEvent.SOURCE_AUDIT.equals(observation.source())) {
            requestMade(pod, observation);
        }
    }

    private void alertRaised(String pod, Observation alert) {
        long time = alert.time().toEpochMilli();
        List<Observation> podAlerts = new ArrayList<>();
        List<Observation> kept = alerts.get(pod);
        long oldestKept = context.currentStreamTimeMs() - keepAlertsMs;
        if (kept != null) {
            kept.stream().filter(a -> a.time().toEpochMilli() >= oldestKept).forEach(podAlerts::add);
        }
        podAlerts.add(alert);
        alerts.put(pod, podAlerts);

        // The requests already read: the earliest in the window pairs (FirstMatchGate keeps one pair).
        Observation earliest = null;
        try (KeyValueIterator<Windowed<String>, Observation> waiting = requests.fetch(
                pod + Observations.SEPARATOR,
                pod + (char) (Observations.SEPARATOR + 1),
                bucketStart(time),
                time + windowMs)) {
            while (waiting.hasNext()) {
                Observation request = waiting.next().value;
                if (pairs(alert, request) && (earliest == null || request.time().isBefore(earliest.time()))) {
                    earliest = request;
                }
            }
        }
        if (earliest != null) {
            forward(pod, alert, earliest);
        }
    }

    private void requestMade(String pod, Observation request) {
        long time = request.time().toEpochMilli();
        requests.put(pod + Observations.SEPARATOR + request.eventId(), request, bucketStart(time));
        List<Observation> podAlerts = alerts.get(pod);
        if (podAlerts == null) {
            return;
        }
        for (Observation alert : podAlerts) {
            if (pairs(alert, request)) {
                forward(pod, alert, request);
            }
        }
    }

    private long bucketStart(long time) {
        return time - Math.floorMod(time, bucketMs);
    }

    /** The request at or after the alert, at most the window later. */
    private boolean pairs(Observation alert, Observation request) {
        long gap = request.time().toEpochMilli() - alert.time().toEpochMilli();
        return gap >= 0 && gap <= windowMs;
    }

    /** On the later of the two times, as a join would. */
    private void forward(String pod, Observation alert, Observation request) {
        long time = Math.max(alert.time().toEpochMilli(), request.time().toEpochMilli());
        context.forward(new Record<>(pod, new RuntimeMatch(alert, request), time));
    }

    private static long newest(List<Observation> podAlerts) {
        long newest = Long.MIN_VALUE;
        for (Observation alert : podAlerts) {
            newest = Math.max(newest, alert.time().toEpochMilli());
        }
        return newest;
    }
}
