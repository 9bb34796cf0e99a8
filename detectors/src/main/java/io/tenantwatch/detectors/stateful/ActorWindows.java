package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Tumbling event-time windows per actor for a {@link WindowedDetector}: each observation is added
 * to the window its event time falls in; when stream time passes a window's end plus the grace
 * period, the window is closed: it raises one alert if the detector says so, and is deleted either
 * way. An observation for a window already closed is late: counted ({@link DetectionListener#late})
 * and dropped.
 *
 * <p>Exactly once across restarts: the store is changelogged, and a window's alert and its
 * deletion are written in the same transaction, so a window that alerted is gone after a restart
 * and one that did not is still there. Windows are closed from a stream-time punctuation and,
 * before an observation is stored, whenever stream time has moved on, so a record far ahead of
 * the others cannot let the store expire a window that was never closed.
 */
final class ActorWindows implements Processor<String, Observation, String, Alert> {

    /** How often, in stream time, closed windows are looked for. */
    static final Duration CLOSE_EVERY = Duration.ofSeconds(10);

    private final String detectorId;
    private final String storeName;
    private final long sizeMs;
    private final long graceMs;
    private final CurrentDetectors current;
    private final Class<? extends WindowedDetector> type;
    private final DetectionListener listener;
    private ProcessorContext<String, Alert> context;
    private WindowStore<String, ActorWindow> windows;
    private long closedUpTo = Long.MIN_VALUE;

    ActorWindows(
            String detectorId,
            String storeName,
            Duration size,
            Duration grace,
            Class<? extends WindowedDetector> type,
            CurrentDetectors current,
            DetectionListener listener) {
        this.detectorId = detectorId;
        this.storeName = storeName;
        this.sizeMs = size.toMillis();
        this.graceMs = grace.toMillis();
        this.type = type;
        this.current = current;
        this.listener = listener;
    }

    /** The store must keep a window until it is closed, and a little longer: segments expire whole. */
    static Duration retention(Duration size, Duration grace) {
        return size.multipliedBy(2).plus(grace).plus(CLOSE_EVERY);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.windows = context.getStateStore(storeName);
        context.schedule(CLOSE_EVERY, PunctuationType.STREAM_TIME, this::close);
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation observation = record.value();
        if (observation == null || record.key() == null) {
            return;
        }
        long time = record.timestamp();
        long start = time - Math.floorMod(time, sizeMs);
        long now = context.currentStreamTimeMs();
        if (start + sizeMs + graceMs <= now) {
            listener.late(detectorId);
            return;
        }
        if (now - CLOSE_EVERY.toMillis() >= closedUpTo) {
            close(now);
        }
        WindowedDetector detector = current.get(detectorId, type);
        // Already in the actor's task (the topic is keyed by actor): a finer key needs no repartition.
        String key = detector.keyedByFirstValue()
                ? record.key() + Observations.SEPARATOR + detector.firstValue(observation)
                : record.key();
        ActorWindow window = windows.fetch(key, start);
        windows.put(
                key,
                window == null
                        ? ActorWindow.open(start, time, observation, detector)
                        : window.add(time, observation, detector),
                start);
    }

    /** Closes every window whose end plus grace is at or before {@code streamTime}, oldest first. */
    private void close(long streamTime) {
        closedUpTo = streamTime;
        long lastClosedStart = streamTime - sizeMs - graceMs;
        if (lastClosedStart < 0) {
            return;
        }
        List<KeyValue<Windowed<String>, ActorWindow>> closed = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, ActorWindow> it = windows.fetchAll(0, lastClosedStart)) {
            while (it.hasNext()) {
                closed.add(it.next());
            }
        }
        if (closed.isEmpty()) {
            return;
        }
        // The same order whatever the store's iteration order (RocksDB and in-memory differ): replay stays
        // deterministic.
        closed.sort(Comparator.<KeyValue<Windowed<String>, ActorWindow>>comparingLong(
                        kv -> kv.key.window().start())
                .thenComparing(kv -> kv.key.key()));
        WindowedDetector detector = current.get(detectorId, type);
        for (KeyValue<Windowed<String>, ActorWindow> kv : closed) {
            ActorWindow window = kv.value;
            if (detector.fires(window)) {
                Alert alert = WindowAlerts.alert(detector, window, sizeMs);
                context.forward(new Record<>(alert.fingerprint(), alert, window.start() + sizeMs));
            }
            windows.put(kv.key.key(), null, kv.key.window().start());
        }
    }
}
