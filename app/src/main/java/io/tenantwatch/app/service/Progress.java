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
 * of each of its repartition topics (once-per-period findings and group F's observations), and the
 * committed-alert reader has committed past the end of {@code tw.alerts}.
 *
 * <p>Ends are read uncommitted. A transaction's commit markers reach its partitions one by one, so
 * the detection app's offsets can be visible while the alerts of the same transaction are still
 * behind the last stable offset; a read_committed end would then look empty and a check would
 * pass with the alerts not yet handed out. Against the uncommitted end it waits for them.
 */
final class Progress {

    private static final long TIMEOUT_SECONDS = 10;
    /** A transactional topic's last offset may be a commit marker, which a consumer need not have committed past. */
    private static final int MARKER_SLACK = 1;

    private static final String REPARTITION_PREFIX = DetectionTopology.APPLICATION_ID + "-";
    private static final String REPARTITION_SUFFIX = "-repartition";

    private final Admin admin;
    private final Topics topics;

    Progress(Admin admin, Topics topics) {
        this.admin = admin;
        this.topics = topics;
    }

    boolean caughtUp() {
        try {
            if (!committedUpTo(DetectionTopology.APPLICATION_ID, topics.normalized(), 0)) {
                return false;
            }
            for (String repartition : repartitionTopics()) {
                if (!committedUpTo(DetectionTopology.APPLICATION_ID, repartition, MARKER_SLACK)) {
                    return false;
                }
            }
            return committedUpTo(CommittedAlertReader.GROUP_ID, topics.alerts(), MARKER_SLACK);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> repartitionTopics() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(REPARTITION_PREFIX) && name.endsWith(REPARTITION_SUFFIX))
                .sorted()
                .toList();
    }

    /** @param markerSlack {@link #MARKER_SLACK} for a topic written in transactions, else 0 */
    private boolean committedUpTo(String group, String topic, int markerSlack)
            throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
