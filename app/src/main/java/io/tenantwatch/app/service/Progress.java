package io.tenantwatch.app.service;

import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the pipeline has caught up with what was received, read from Kafka itself rather than
 * guessed from timing: the detection app has committed past the end of {@code tw.normalized} and
 * of its own repartition topic of once-per-period findings (so the transactions holding its
 * alerts are committed too), and the committed-alert reader has committed past the last committed alert.
 */
final class Progress {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final Topics topics;

    Progress(Admin admin, Topics topics) {
        this.admin = admin;
        this.topics = topics;
    }

    boolean caughtUp() {
        try {
            return committedUpTo(DetectionTopology.APPLICATION_ID, topics.normalized(), IsolationLevel.READ_UNCOMMITTED, 0)
                    && committedUpTo(DetectionTopology.APPLICATION_ID, DetectionTopology.ALERTS_BY_FINGERPRINT_TOPIC,
                            IsolationLevel.READ_COMMITTED, 1)
                    && committedUpTo(CommittedAlertReader.GROUP_ID, topics.alerts(), IsolationLevel.READ_COMMITTED, 1);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @param markerSlack 1 for a transactional topic: its last offset may be a commit marker, which
     *                    a consumer need not have committed past
     */
    private boolean committedUpTo(String group, String topic, IsolationLevel isolation, int markerSlack)
            throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (var end : ends.entrySet()) {
            long endOffset = end.getValue().offset();
            if (endOffset == 0) {
                continue;
            }
            OffsetAndMetadata done = committed.get(end.getKey());
            if (done == null || done.offset() < endOffset - markerSlack) {
                return false;
            }
        }
        return true;
    }
}
