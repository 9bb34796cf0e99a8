package io.tenantwatch.detectors;

import io.tenantwatch.schemas.NormalizedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Windows and dedup run on event time: the audit stage timestamp or the Falco time, carried in
 * the normalized event. Records without one keep the Kafka record's timestamp.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof NormalizedEvent event && event.time() != null) {
            return event.time().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
