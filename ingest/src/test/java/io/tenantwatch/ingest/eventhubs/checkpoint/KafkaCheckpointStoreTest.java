package io.tenantwatch.ingest.eventhubs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.models.Checkpoint;
import com.azure.messaging.eventhubs.models.EventContext;
import com.azure.messaging.eventhubs.models.PartitionContext;
import com.azure.messaging.eventhubs.models.PartitionOwnership;
import io.tenantwatch.ingest.eventhubs.CheckpointTopic;
import io.tenantwatch.ingest.eventhubs.ReceivedEvents;
import io.tenantwatch.schemas.KafkaCallException;
import io.tenantwatch.testkit.kafka.TestBroker;
import io.tenantwatch.testkit.kafka.TopicRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CheckpointStore contract on the real broker, with several store instances as several replicas would run. */
@ExtendWith(TestBroker.class)
class KafkaCheckpointStoreTest {

    private static final String NS = "tw-test.servicebus.windows.net";
    private static final String GROUP = "tenantwatch";
    private static final AtomicInteger TOPICS = new AtomicInteger();

    /** Each test on its own topic, with several partitions so that routing by group matters. */
    private final String topic =
            CheckpointTopic.create("tw.eventhubs.checkpoints.store-" + TOPICS.incrementAndGet(), 3);

    private KafkaCheckpointStore store() {
        return new KafkaCheckpointStore(CheckpointTopic.kafka(), topic, Duration.ofSeconds(20));
    }

    private static PartitionOwnership request(String hub, String partition, String owner, String eTag) {
        return new PartitionOwnership()
                .setFullyQualifiedNamespace(NS)
                .setEventHubName(hub)
                .setConsumerGroup(GROUP)
                .setPartitionId(partition)
                .setOwnerId(owner)
                .setETag(eTag);
    }

    private static List<PartitionOwnership> claim(KafkaCheckpointStore store, PartitionOwnership... requests) {
        return store.claimOwnership(List.of(requests)).collectList().block(Duration.ofSeconds(30));
    }

    private static Map<String, PartitionOwnership> owners(KafkaCheckpointStore store, String hub) {
        return store.listOwnership(NS, hub, GROUP).collectList().block(Duration.ofSeconds(30)).stream()
                .collect(Collectors.toMap(PartitionOwnership::getPartitionId, o -> o));
    }

    @Test
    void aClaimOnAFreePartitionWinsAndIsListedWithItsETagAndTime() {
        try (KafkaCheckpointStore store = store()) {
            assertThat(owners(store, "hub-a")).isEmpty();
            long before = System.currentTimeMillis();
            List<PartitionOwnership> won =
                    claim(store, request("hub-a", "0", "replica-1", null), request("hub-a", "1", "replica-1", null));

            assertThat(won).extracting(PartitionOwnership::getPartitionId).containsExactlyInAnyOrder("0", "1");
            assertThat(won).allSatisfy(o -> {
                assertThat(o.getETag()).isNotBlank();
                assertThat(o.getOwnerId()).isEqualTo("replica-1");
                assertThat(o.getLastModifiedTime()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
                assertThat(o.getFullyQualifiedNamespace()).isEqualTo(NS);
                assertThat(o.getEventHubName()).isEqualTo("hub-a");
                assertThat(o.getConsumerGroup()).isEqualTo(GROUP);
            });
            Map<String, PartitionOwnership> listed = owners(store, "hub-a");
            assertThat(listed).containsOnlyKeys("0", "1");
            assertThat(listed.get("0").getETag())
                    .isEqualTo(won.stream()
                            .filter(o -> o.getPartitionId().equals("0"))
                            .findFirst()
                            .orElseThrow()
                            .getETag());
            assertThat(owners(store, "hub-b"))
                    .as("another hub's ownerships are apart")
                    .isEmpty();
        }
    }

    @Test
    void ofTwoReplicasClaimingTheSameETagAtOnceExactlyOneWins() throws Exception {
        try (KafkaCheckpointStore one = store();
                KafkaCheckpointStore two = store()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 5; round++) {
                    String partition = Integer.toString(round);
                    String expected = owners(one, "hub-race").containsKey(partition)
                            ? owners(one, "hub-race").get(partition).getETag()
                            : null;
                    CyclicBarrier start = new CyclicBarrier(2);
                    Callable<List<PartitionOwnership>> a = () -> {
                        start.await();
                        return claim(one, request("hub-race", partition, "replica-1", expected));
                    };
                    Callable<List<PartitionOwnership>> b = () -> {
                        start.await();
                        return claim(two, request("hub-race", partition, "replica-2", expected));
                    };
                    Future<List<PartitionOwnership>> fa = pool.submit(a);
                    Future<List<PartitionOwnership>> fb = pool.submit(b);
                    List<PartitionOwnership> wonA = fa.get(60, TimeUnit.SECONDS);
                    List<PartitionOwnership> wonB = fb.get(60, TimeUnit.SECONDS);

                    assertThat(wonA.size() + wonB.size()).as("round " + round).isEqualTo(1);
                    PartitionOwnership winner = wonA.isEmpty() ? wonB.get(0) : wonA.get(0);
                    // both replicas see the same owner afterwards
                    assertThat(owners(one, "hub-race").get(partition).getOwnerId())
                            .isEqualTo(winner.getOwnerId());
                    assertThat(owners(two, "hub-race").get(partition).getETag()).isEqualTo(winner.getETag());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aStaleETagFailsAndTheCurrentOneRenews() {
        try (KafkaCheckpointStore store = store()) {
            String first = claim(store, request("hub-renew", "0", "replica-1", null))
                    .get(0)
                    .getETag();
            String second = claim(store, request("hub-renew", "0", "replica-1", first))
                    .get(0)
                    .getETag();
            assertThat(second).isNotEqualTo(first);

            assertThat(claim(store, request("hub-renew", "0", "replica-2", first)))
                    .as("stale etag")
                    .isEmpty();
            assertThat(claim(store, request("hub-renew", "0", "replica-2", null)))
                    .as("no etag on an owned partition")
                    .isEmpty();
            assertThat(claim(store, request("hub-renew", "0", "replica-2", "7-made-up")))
                    .as("an etag never handed out")
                    .isEmpty();
            assertThat(owners(store, "hub-renew").get("0").getOwnerId()).isEqualTo("replica-1");
            assertThat(owners(store, "hub-renew").get("0").getETag()).isEqualTo(second);
        }
    }

    @Test
    void anExpiredOwnershipIsTakenOverAndTheOldOwnerCanNoLongerRenewIt() throws Exception {
        try (KafkaCheckpointStore a = store();
                KafkaCheckpointStore b = store()) {
            PartitionOwnership held =
                    claim(a, request("hub-expiry", "0", "replica-a", null)).get(0);

            // replica-a stops renewing; replica-b's load balancer sees the ownership age past the
            // expiration interval (the SDK's rule, on lastModifiedTime) and claims it on its etag
            Thread.sleep(50);
            PartitionOwnership seen = owners(b, "hub-expiry").get("0");
            assertThat(System.currentTimeMillis() - seen.getLastModifiedTime()).isPositive();
            assertThat(seen.getETag()).isEqualTo(held.getETag());
            List<PartitionOwnership> taken = claim(b, request("hub-expiry", "0", "replica-b", seen.getETag()));
            assertThat(taken).extracting(PartitionOwnership::getOwnerId).containsExactly("replica-b");
            assertThat(taken.get(0).getLastModifiedTime()).isGreaterThan(held.getLastModifiedTime() - 1);

            // replica-a comes back and renews with the etag it held: too late
            assertThat(claim(a, request("hub-expiry", "0", "replica-a", held.getETag())))
                    .isEmpty();
            assertThat(owners(a, "hub-expiry").get("0").getOwnerId()).isEqualTo("replica-b");

            // relinquishing (the SDK claims with an empty owner on stop) frees it for anyone
            String current = owners(b, "hub-expiry").get("0").getETag();
            assertThat(claim(b, request("hub-expiry", "0", "", current))).hasSize(1);
            assertThat(owners(a, "hub-expiry").get("0").getOwnerId()).isEmpty();
        }
    }

    @Test
    void checkpointsAreReadBackAfterARestartIncludingOnesWithoutOffsetOrSequenceNumber() {
        try (KafkaCheckpointStore store = store()) {
            store.updateCheckpoint(checkpoint("hub-cp", "0", 40960L, "40960", 10L))
                    .block(Duration.ofSeconds(30));
            store.updateCheckpoint(checkpoint("hub-cp", "0", 81920L, "81920", 20L))
                    .block(Duration.ofSeconds(30));
            store.updateCheckpoint(checkpoint("hub-cp", "1", null, null, null)).block(Duration.ofSeconds(30));
        }
        try (KafkaCheckpointStore restarted = store()) {
            Map<String, Checkpoint> listed =
                    restarted.listCheckpoints(NS, "hub-cp", GROUP).collectList().block(Duration.ofSeconds(30)).stream()
                            .collect(Collectors.toMap(Checkpoint::getPartitionId, c -> c));
            assertThat(listed).containsOnlyKeys("0", "1");
            assertThat(listed.get("0").getSequenceNumber()).isEqualTo(20L);
            assertThat(listed.get("0").getOffset()).isEqualTo(81920L);
            assertThat(listed.get("0").getOffsetString()).isEqualTo("81920");
            assertThat(listed.get("0").getEventHubName()).isEqualTo("hub-cp");
            assertThat(listed.get("1").getSequenceNumber()).isNull();
            assertThat(listed.get("1").getOffset()).isNull();
            assertThat(listed.get("1").getOffsetString()).isNull();
            assertThat(restarted
                            .listCheckpoints(NS, "HUB-CP", GROUP.toUpperCase())
                            .collectList()
                            .block(Duration.ofSeconds(30)))
                    .as("Azure names compare without case")
                    .hasSize(2);
        }
    }

    @Test
    void ownershipsSurviveARestartAndObsoleteClaimsAreTombstoned() {
        String last;
        try (KafkaCheckpointStore store = store()) {
            String eTag = null;
            for (int i = 0; i < 6; i++) {
                eTag = claim(store, request("hub-clean", "0", "replica-1", eTag))
                        .get(0)
                        .getETag();
            }
            last = eTag;
            assertThat(claim(store, request("hub-clean", "0", "replica-2", null)))
                    .isEmpty();
        }
        try (KafkaCheckpointStore restarted = store()) {
            PartitionOwnership owner = owners(restarted, "hub-clean").get("0");
            assertThat(owner.getETag()).isEqualTo(last);
            assertThat(owner.getOwnerId()).isEqualTo("replica-1");
            assertThat(claim(restarted, request("hub-clean", "0", "replica-2", last)))
                    .hasSize(1);
        }
        // every claim but the current one has a tombstone: compaction will leave one claim per partition
        List<ConsumerRecord<String, byte[]>> records =
                TopicRecords.read(topic, r -> r.key().contains("/hub-clean/"));
        long claims = records.stream()
                .filter(r -> r.value() != null)
                .map(ConsumerRecord::key)
                .distinct()
                .count();
        long deleted = records.stream()
                .filter(r -> r.value() == null)
                .map(ConsumerRecord::key)
                .distinct()
                .count();
        assertThat(claims).isEqualTo(8);
        assertThat(deleted).isEqualTo(7);
        assertThat(records)
                .as("one processor group's records share one partition of the topic")
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());
    }

    @Test
    void theSdksOwnContextsCheckpointThroughTheStore() {
        try (KafkaCheckpointStore store = store()) {
            PartitionContext partition = new PartitionContext(NS, "hub-sdk", GROUP, "2");
            EventData received = ReceivedEvents.event(new byte[] {'{', '}'}, 33, Instant.now());
            new EventContext(partition, received, store, null).updateCheckpoint();

            Checkpoint listed = store.listCheckpoints(NS, "hub-sdk", GROUP).blockFirst(Duration.ofSeconds(30));
            assertThat(listed.getPartitionId()).isEqualTo("2");
            assertThat(listed.getSequenceNumber()).isEqualTo(33L);
            assertThat(listed.getOffset()).isEqualTo(ReceivedEvents.offsetOf(33));
            assertThat(listed.getOffsetString())
                    .as("EventContext sets the numeric offset only")
                    .isNull();
        }
    }

    @Test
    void aMissingTopicIsReportedAtOnce() {
        assertThatThrownBy(() ->
                        new KafkaCheckpointStore(CheckpointTopic.kafka(), "tw.no-such-topic", Duration.ofSeconds(5)))
                .isInstanceOf(KafkaCallException.class)
                .hasMessageContaining("tw.no-such-topic does not exist");
    }

    private static Checkpoint checkpoint(
            String hub, String partition, Long offset, String offsetString, Long sequence) {
        return new Checkpoint()
                .setFullyQualifiedNamespace(NS)
                .setEventHubName(hub)
                .setConsumerGroup(GROUP)
                .setPartitionId(partition)
                .setOffset(offset)
                .setOffsetString(offsetString)
                .setSequenceNumber(sequence);
    }
}
