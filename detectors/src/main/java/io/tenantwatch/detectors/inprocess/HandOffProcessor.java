package io.tenantwatch.detectors.inprocess;

import io.tenantwatch.schemas.NormalizedEvent;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The end of replay's first stage: hands each event to the code that runs the stage, by reference
 * and in order, which gathers them into the second stage's batches.
 */
public final class HandOffProcessor implements Processor<String, NormalizedEvent, Void, Void> {

    private final Consumer<NormalizedEvent> out;

    public HandOffProcessor(Consumer<NormalizedEvent> out) {
        this.out = out;
    }

    @Override
    public void process(Record<String, NormalizedEvent> record) {
        if (record.value() != null) {
            out.accept(record.value());
        }
    }
}
