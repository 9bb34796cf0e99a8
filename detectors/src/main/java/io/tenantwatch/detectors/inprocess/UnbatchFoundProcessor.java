package io.tenantwatch.detectors.inprocess;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The start of replay's second stage: turns a {@link Found.Batch} back into the records the
 * detection step forwarded, each with its own key and time. A record without a value goes no
 * further: it only moves the task's stream time on (and with it the punctuators that close group
 * F's windows).
 */
public final class UnbatchFoundProcessor implements Processor<String, Found.Batch, String, Object> {

    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Found.Batch> record) {
        if (record.value() == null) {
            return;
        }
        for (Found found : record.value().found()) {
            context.forward(new Record<>(found.key(), found.value(), found.timestamp(), record.headers()));
        }
    }
}
