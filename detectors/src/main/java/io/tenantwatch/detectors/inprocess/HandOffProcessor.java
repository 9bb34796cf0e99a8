package io.tenantwatch.detectors.inprocess;

import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The end of replay's first stage: hands each finding of the detection step, with its key and time,
 * to the code that runs the stage, by reference and in order; that code gathers them into the
 * second stage's batches.
 */
public final class HandOffProcessor implements Processor<String, Object, Void, Void> {

    private final Consumer<Found> out;

    public HandOffProcessor(Consumer<Found> out) {
        this.out = out;
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() != null) {
            out.accept(new Found(record.key(), record.value(), record.timestamp()));
        }
    }
}
