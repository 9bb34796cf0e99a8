package io.tenantwatch.alerting;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tenantwatch.alerting.delivery.Completion;
import io.tenantwatch.alerting.delivery.DeadLetters;
import io.tenantwatch.alerting.delivery.Delivery;
import io.tenantwatch.alerting.delivery.OffsetLedger;
import io.tenantwatch.alerting.delivery.Outcome;
import io.tenantwatch.alerting.delivery.ParkedDelivery;
import io.tenantwatch.alerting.delivery.RetryTopic;
import io.tenantwatch.alerting.delivery.Waiting;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.alerting.suppress.GroupUpdate;
import io.tenantwatch.alerting.suppress.Suppressor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.KafkaCallException;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pipeline does with each consumed record, free of the consumer's lifecycle: an alert
 * of {@code tw.alerts} is checked, suppressed or grouped, routed and delivered (a failed delivery
 * parked); a parked delivery of the retry topic waits in memory for its time and is tried again
 * (parked anew on failure, dead-lettered after the last attempt). Each record's ticket in the
 * {@link OffsetLedger} is finished exactly when nothing more depends on it. Single-threaded.
 */
final class AlertFlow {

    /** Parked deliveries held in memory before the retry topic is paused. */
    static final int MAX_WAITING = 10_000;
    /** When writing to Kafka itself fails, how long before trying that delivery again. */
    private static final Duration KAFKA_FAILURE_PAUSE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(AlertFlow.class);
    private static final ObjectReader ALERT_READER = Json.readerFor(Alert.class);
    private static final ObjectWriter ALERT_WRITER = Json.writerFor(Alert.class);
    private static final BooleanSupplier ALWAYS = () -> true;

    private final Topics topics;
    private final Routes routes;
    private final Clock clock;
    private final Delivery delivery;
    private final AlertingMetrics metrics;
    private final RetryTopic retryTopic;
    private final DeadLetters deadLetters;
    private final OffsetLedger ledger = new OffsetLedger();
    private final Suppressor<OffsetLedger.Ticket> suppressor;
    private final Waiting waiting = new Waiting();

    AlertFlow(
            Topics topics,
            Routes routes,
            Clock clock,
            Delivery delivery,
            AlertingMetrics metrics,
            RetryTopic retryTopic,
            DeadLetters deadLetters) {
        this.topics = topics;
        this.routes = routes;
        this.clock = clock;
        this.delivery = delivery;
        this.metrics = metrics;
        this.retryTopic = retryTopic;
        this.deadLetters = deadLetters;
        this.suppressor = new Suppressor<>(routes.suppression(), clock);
    }

    OffsetLedger ledger() {
        return ledger;
    }

    int waiting() {
        return waiting.size();
    }

    void accept(ConsumerRecord<String, byte[]> record) {
        OffsetLedger.Ticket ticket =
                ledger.track(new TopicPartition(record.topic(), record.partition()), record.offset());
        DeadLetters.Origin origin = new DeadLetters.Origin(record.topic(), record.partition(), record.offset());
        try {
            if (record.topic().equals(topics.alerts())) {
                onAlert(record, ticket, origin);
            } else {
                onParked(record, ticket, origin);
            }
        } catch (KafkaCallException e) {
            // Kafka did not take a parked delivery or dead letter: the ticket stays unfinished, so
            // the record is read again after a restart; nothing is committed past it meanwhile.
            LOG.warn("alerting: {}", e.getMessage());
        }
    }

    private void onAlert(ConsumerRecord<String, byte[]> record, OffsetLedger.Ticket ticket, DeadLetters.Origin origin) {
        Alert alert;
        try {
            alert = record.value() == null ? null : ALERT_READER.readValue(record.value());
        } catch (IOException e) {
            rejectRecord(
                    record,
                    Reason.INVALID_JSON.label(),
                    "not an alert: " + e.getClass().getSimpleName(),
                    origin);
            ticket.done();
            return;
        }
        String missing = missingField(alert);
        if (missing != null) {
            rejectRecord(record, Reason.MISSING_FIELD.label(), "alert without " + missing, origin);
            ticket.done();
            return;
        }
        if (suppressor.admit(alert, ticket) == Suppressor.Admission.REPEAT) {
            metrics.suppressed();
            return;
        }
        dispatch(alert, clock.instant(), ticket::done, origin);
    }

    private void onParked(
            ConsumerRecord<String, byte[]> record, OffsetLedger.Ticket ticket, DeadLetters.Origin origin) {
        ParkedDelivery parked;
        try {
            parked = record.value() == null ? null : RetryTopic.read(record.value());
        } catch (IOException e) {
            rejectRecord(
                    record,
                    Reason.INVALID_JSON.label(),
                    "not a parked delivery: " + e.getClass().getSimpleName(),
                    origin);
            ticket.done();
            return;
        }
        if (parked == null || parked.sink() == null || missingField(parked.alert()) != null) {
            rejectRecord(record, Reason.MISSING_FIELD.label(), "parked delivery without sink or alert", origin);
            ticket.done();
            return;
        }
        if (!delivery.has(parked.sink())) {
            deadLetters.send(
                    record.key(),
                    alertBytes(parked.alert()),
                    DeadLetters.UNKNOWN_SINK,
                    "sink=" + parked.sink() + " is not in the routes file",
                    origin);
            metrics.deadLettered(AlertingMetrics.NO_SINK, DeadLetters.UNKNOWN_SINK);
            ticket.done();
            return;
        }
        Instant due = parked.notBefore() == null ? clock.instant() : parked.notBefore();
        waiting.add(parked, due, ticket::done, ticket::live, origin);
    }

    /** Group updates whose window ended, then the waiting deliveries that are due. */
    void tick() {
        for (GroupUpdate<OffsetLedger.Ticket> update : suppressor.due()) {
            metrics.groupUpdate();
            List<OffsetLedger.Ticket> absorbed = update.absorbed();
            dispatch(update.update(), clock.instant(), () -> absorbed.forEach(OffsetLedger.Ticket::done), null);
        }
        waiting.runDue(clock.instant(), entry -> {
            try {
                settle(
                        entry.parked(),
                        delivery.attempt(
                                entry.parked().sink(),
                                entry.parked().alert(),
                                entry.parked().failures(),
                                entry.parked().readAt()),
                        entry.done(),
                        entry.live(),
                        true,
                        entry.origin());
            } catch (KafkaCallException e) {
                LOG.warn("alerting: {}", e.getMessage());
                waiting.add(
                        entry.parked(),
                        clock.instant().plus(KAFKA_FAILURE_PAUSE),
                        entry.done(),
                        entry.live(),
                        entry.origin());
            }
        });
    }

    /** How long the consumer may block in poll before something here is due. */
    Duration nextWait(Duration max) {
        Instant now = clock.instant();
        Instant next = earliest(suppressor.nextDeadline(), waiting.nextDue());
        if (next == null) {
            return max;
        }
        Duration until = Duration.between(now, next);
        if (until.isNegative()) {
            return Duration.ZERO;
        }
        return until.compareTo(max) < 0 ? until : max;
    }

    /** The partitions went to another consumer: drop what waits on their records. */
    void revoke(Collection<TopicPartition> partitions) {
        ledger.revoke(partitions);
        waiting.dropDead();
        suppressor.forgetIf(t -> !t.live());
    }

    private void dispatch(Alert alert, Instant readAt, Runnable done, DeadLetters.Origin origin) {
        List<String> sinks = routes.sinksFor(alert);
        if (sinks.isEmpty()) {
            metrics.unrouted();
            done.run();
            return;
        }
        Completion completion = new Completion(sinks.size(), done);
        for (String sink : sinks) {
            ParkedDelivery first = new ParkedDelivery(sink, 0, null, readAt, null, alert);
            try {
                settle(first, delivery.attempt(sink, alert, 0, readAt), completion::partDone, ALWAYS, false, origin);
            } catch (KafkaCallException e) {
                // Neither delivered nor parked (Kafka unavailable): keep it in memory and retry.
                LOG.warn("alerting: {}", e.getMessage());
                waiting.add(first, clock.instant().plus(KAFKA_FAILURE_PAUSE), completion::partDone, ALWAYS, origin);
            }
        }
    }

    /**
     * Acts on one attempt's outcome. A failure parks the delivery on the retry topic (the record
     * it came from is then finished); a refusal by an open circuit parks it from the main path,
     * and keeps it waiting in memory on the retry path (it was parked already).
     */
    private void settle(
            ParkedDelivery p,
            Outcome outcome,
            Runnable done,
            BooleanSupplier live,
            boolean fromRetryTopic,
            DeadLetters.Origin origin) {
        switch (outcome.kind()) {
            case DELIVERED -> done.run();
            case REJECTED -> {
                deadLetter(p, DeadLetters.REJECTED, p.failures() + 1, outcome.reason(), origin);
                done.run();
            }
            case FAILED -> {
                int failures = p.failures() + 1;
                if (delivery.exhausted(failures)) {
                    deadLetter(p, DeadLetters.MAX_ATTEMPTS, failures, outcome.reason(), origin);
                } else {
                    retryTopic.park(p.next(failures, outcome.retryAt(), outcome.reason()));
                    metrics.outcome(p.sink(), "parked");
                }
                done.run();
            }
            case REFUSED -> {
                if (fromRetryTopic) {
                    waiting.add(p, outcome.retryAt(), done, live, origin);
                } else {
                    retryTopic.park(p.next(p.failures(), outcome.retryAt(), outcome.reason()));
                    metrics.outcome(p.sink(), "parked");
                    done.run();
                }
            }
        }
    }

    private void deadLetter(
            ParkedDelivery p, String reason, int attempts, String lastError, DeadLetters.Origin origin) {
        deadLetters.send(
                p.alert().fingerprint(),
                alertBytes(p.alert()),
                reason,
                "sink=" + p.sink() + " attempts=" + attempts + " last=" + lastError,
                origin);
        metrics.deadLettered(p.sink(), reason);
    }

    private void rejectRecord(
            ConsumerRecord<String, byte[]> record, String reason, String detail, DeadLetters.Origin origin) {
        deadLetters.send(record.key(), record.value(), reason, detail, origin);
        metrics.deadLettered(AlertingMetrics.NO_SINK, reason);
    }

    /** The fields routing, grouping and every payload rely on; null when all are there. */
    static String missingField(Alert alert) {
        if (alert == null) {
            return "a value";
        }
        if (alert.id() == null) {
            return "id";
        }
        if (alert.fingerprint() == null) {
            return "fingerprint";
        }
        if (alert.detector() == null) {
            return "detector";
        }
        if (alert.severity() == null) {
            return "severity";
        }
        if (alert.evidence() == null) {
            return "evidence";
        }
        return null;
    }

    private static byte[] alertBytes(Alert alert) {
        try {
            return ALERT_WRITER.writeValueAsBytes(alert);
        } catch (IOException e) {
            throw new IllegalStateException("an alert always serializes", e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
