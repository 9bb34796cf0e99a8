package io.tenantwatch.alerting.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.KafkaCallException;
import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code tw.alerts.retry}: parked deliveries, keyed by fingerprint, written once Kafka
 * acknowledges, so the record they came from may be committed. Reading them back is the
 * pipeline's consumer's job.
 */
public final class RetryTopic {

    private static final ObjectWriter WRITER = Json.writerFor(ParkedDelivery.class);
    private static final ObjectReader READER = Json.readerFor(ParkedDelivery.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;

    public RetryTopic(Producer<String, byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    public String topic() {
        return topic;
    }

    /** @throws KafkaCallException when Kafka did not take it in time */
    public void park(ParkedDelivery parked) {
        byte[] value;
        try {
            value = WRITER.writeValueAsBytes(parked);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parked delivery always serializes", e);
        }
        KafkaCallException.await(
                producer.send(new ProducerRecord<>(topic, parked.alert().fingerprint(), value)),
                timeout,
                "park a delivery in " + topic);
    }

    public static ParkedDelivery read(byte[] value) throws IOException {
        return READER.readValue(value);
    }
}
