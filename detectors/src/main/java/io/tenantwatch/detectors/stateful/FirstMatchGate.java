package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Turns the {@code runtime-then-api} join's pairs into one alert per Falco alert: the join emits
 * every (Falco alert, request) pair in the window, and a busy pod makes many requests a minute.
 * The first pair wins (the earliest request, when the requests were already waiting); the Falco
 * alert (cluster and event id) is remembered, on its event time, for as long as more pairs can come.
 */
final class FirstMatchGate implements Processor<String, RuntimeMatch, String, Alert> {

    private final String storeName;
    private final CurrentDetectors current;
    private ProcessorContext<String, Alert> context;
    private WindowStore<String, Long> alerted;

    FirstMatchGate(String storeName, CurrentDetectors current) {
        this.storeName = storeName;
        this.current = current;
    }

    /** Pairs of one Falco alert arrive until its window and grace have passed. */
    static Duration retention(Duration window, Duration grace) {
        return window.plus(grace).plus(Duration.ofMinutes(1));
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.alerted = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, RuntimeMatch> record) {
        RuntimeMatch match = record.value();
        if (match == null) {
            return;
        }
        long falcoTime = match.falco().time().toEpochMilli();
        String falcoId =
                match.falco().cluster() + Observations.SEPARATOR + match.falco().eventId();
        if (alerted.fetch(falcoId, falcoTime) != null) {
            return;
        }
        alerted.put(falcoId, match.request().time().toEpochMilli(), falcoTime);
        Alert alert =
                current.get(RuntimeThenApi.SPEC.id(), RuntimeThenApi.class).alert(match.falco(), match.request());
        context.forward(
                new Record<>(alert.fingerprint(), alert, match.request().time().toEpochMilli()));
    }
}
