package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes each alert to a Kafka topic (a SIEM's intake, another team's bus), keyed by fingerprint
 * like {@code tw.alerts}, with the alert id in the {@value #ALERT_ID_HEADER} header. Delivered
 * means acknowledged by all in-sync replicas.
 */
final class KafkaSink implements Sink {

    static final String ALERT_ID_HEADER = "tw.alert.id";

    private final String name;
    private final String topic;
    private final AlertFormat format;
    private final Duration timeout;
    private final KafkaProducer<String, byte[]> producer;

    /** @param kafka that cluster, with its connection settings */
    KafkaSink(SinkConfig.Kafka config, KafkaConnection kafka, Duration timeout) {
        this.name = config.name();
        this.topic = config.topic();
        this.format = config.format();
        this.timeout = timeout;
        Properties props = kafka.properties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tenantwatch-sink-" + config.name());
        // send() must not block the pipeline longer than one delivery attempt may take.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 1000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public void send(Alert alert) throws SinkException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topic, alert.fingerprint(), format.format(alert).getBytes(StandardCharsets.UTF_8));
        record.headers().add(ALERT_ID_HEADER, alert.id().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RetriableException || !(cause instanceof KafkaException)) {
                throw SinkException.retryable("Kafka: " + cause.getClass().getSimpleName());
            }
            throw SinkException.rejected("Kafka: " + cause.getClass().getSimpleName());
        } catch (TimeoutException e) {
            throw SinkException.retryable("Kafka: no acknowledgement in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SinkException.retryable("interrupted");
        } catch (KafkaException e) {
            // send() itself: metadata not available within max.block.ms, and the like
            throw SinkException.retryable("Kafka: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
