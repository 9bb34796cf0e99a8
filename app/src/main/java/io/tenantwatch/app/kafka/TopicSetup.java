package io.tenantwatch.app.kafka;

import io.tenantwatch.app.UsageException;
import io.tenantwatch.schemas.KafkaCallException;
import io.tenantwatch.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates tenantwatch's topics (docs/architecture.md, "Kafka topics") when they are missing, on the
 * embedded broker or on a real cluster. Existing topics are left exactly as they are: an operator
 * may have sized or configured them on purpose. Every topic gets the same partition count, since
 * the detectors join {@code tw.normalized} with {@code tw.tenancy} and Kafka Streams needs the
 * two co-partitioned.
 */
public final class TopicSetup {

    /** Pause between two looks at topic metadata while new topics get their leaders. */
    private static final Duration POLL_PAUSE = Duration.ofMillis(50);

    private final Topics topics;
    private final int partitions;
    private final short replicationFactor;

    public TopicSetup(Topics topics, int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        this.topics = topics;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** The topics as they would be created; the keyed-state topics are compacted. */
    public List<NewTopic> newTopics() {
        List<NewTopic> all = new ArrayList<>();
        all.add(plain(topics.normalized()));
        // Latest record per key is the state (tenancy per namespace/identity, checkpoint per
        // partition); tombstones delete. Deleting by age would forget live tenants.
        all.add(compacted(topics.tenancy()));
        all.add(compacted(topics.learnedTenancy()));
        all.add(appendTime(topics.attributed()));
        all.add(appendTime(topics.alerts()));
        all.add(plain(topics.alertsRetry()));
        all.add(appendTime(topics.dlq()));
        all.add(compacted(topics.eventHubsCheckpoints()));
        return all;
    }

    /**
     * Creates the missing topics and waits until every tenantwatch topic has a leader for each
     * partition, so producers and Kafka Streams can use them at once.
     *
     * @return the names of the topics this call created (empty when all existed)
     * @throws UsageException when the cluster refuses the partitions or replication factor asked for
     */
    public Set<String> ensure(Admin admin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NewTopic> wanted = newTopics();
        Set<String> names = new LinkedHashSet<>();
        wanted.forEach(t -> names.add(t.name()));

        Set<String> existing = await(admin.listTopics().names(), deadline, "list topics");
        List<NewTopic> missing =
                wanted.stream().filter(t -> !existing.contains(t.name())).toList();
        Set<String> created = new LinkedHashSet<>();
        if (!missing.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (NewTopic topic : missing) {
                if (create(topic.name(), results.get(topic.name()), deadline)) {
                    created.add(topic.name());
                }
            }
        }
        awaitLeaders(admin, names, deadline);
        return created;
    }

    /** True if this call created the topic; false if someone else did meanwhile. */
    private boolean create(String name, KafkaFuture<Void> future, long deadline) {
        try {
            await(future, deadline, "create topic " + name);
            return true;
        } catch (KafkaCallException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicExistsException) {
                return false;
            }
            if (cause instanceof InvalidReplicationFactorException
                    || cause instanceof InvalidPartitionsException
                    || cause instanceof PolicyViolationException) {
                throw new UsageException(
                        "cannot create topic " + name + " with " + partitions + " partition(s) and replication factor "
                                + replicationFactor + ": " + cause.getMessage(),
                        cause);
            }
            throw e;
        }
    }

    /** Polls topic metadata until each partition has a leader; a new topic may be unknown at first. */
    private static void awaitLeaders(Admin admin, Set<String> names, long deadline) {
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        await(admin.describeTopics(names).allTopicNames(), deadline, "describe topics");
                boolean ready = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (ready) {
                    return;
                }
            } catch (KafkaCallException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new KafkaCallException(
                        "topics " + names + " have no leader for every partition yet; is the cluster healthy?");
            }
            pause();
        }
    }

    private NewTopic plain(String name) {
        return new NewTopic(name, partitions, replicationFactor);
    }

    /**
     * A topic Kafka Streams writes: its records carry the event time of the audit event they came
     * from, and the broker deletes by record timestamp against its own clock, so the alerts of
     * events older than the retention (a backlog, a replayed capture) would be deleted by the next
     * retention check, before anyone read them. Append time keeps each record for the retention
     * after it was written; the event time is in the record itself.
     */
    private NewTopic appendTime(String name) {
        return plain(name).configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    }

    private NewTopic compacted(String name) {
        return plain(name).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private static <T> T await(KafkaFuture<T> future, long deadline, String what) {
        return KafkaCallException.await(future, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), what);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaCallException("interrupted while waiting for topics", e);
        }
    }
}
