package io.tenantwatch.detectors.inprocess;

import io.tenantwatch.schemas.NormalizedEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns an {@link EventBatch} back into one record per event, keyed and timestamped as the service
 * reads them from {@code tw.normalized} (the partition key; the event time, or the batch's time
 * for an event without one). A record without a value goes no further: it only moves the task's
 * stream time on (and with it the punctuators that close group F's windows), and no processor
 * after this one takes an event that is not there.
 */
public final class UnbatchProcessor implements Processor<String, EventBatch, String, NormalizedEvent> {

    private ProcessorContext<String, NormalizedEvent> context;

    @Override
    public void init(ProcessorContext<String, NormalizedEvent> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, EventBatch> record) {
        if (record.value() == null) {
            return;
        }
        for (NormalizedEvent event : record.value().events()) {
            long time = event.time() != null ? event.time().toEpochMilli() : record.timestamp();
            context.forward(new Record<>(event.partitionKey(), event, time, record.headers()));
        }
    }
}
