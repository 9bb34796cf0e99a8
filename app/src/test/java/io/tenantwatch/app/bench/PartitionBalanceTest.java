package io.tenantwatch.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.bench.traffic.TrafficGenerator;
import io.tenantwatch.app.bench.traffic.TrafficSpec;
import io.tenantwatch.schemas.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Scale-out needs {@code tw.normalized}'s keys to spread a cluster's events evenly over the
 * partitions: a detection instance can only take the partitions' share of the work, and a partition
 * carrying more than its share also falls behind the others in event time while a backlog is worked
 * through. Measured on the bench's cluster (20 tenants, 200 namespaces, node leases, controllers,
 * cluster-wide watches) with the partition Kafka's producer picks for a key.
 */
class PartitionBalanceTest {

    private static final TrafficSpec BENCH_CLUSTER =
            TrafficSpec.benign(1, 20, 200, 2000).withRates(0.01, 0.01);

    @Test
    void noPartitionCarriesMuchMoreThanItsShareOfABusyClustersEvents() {
        List<NormalizedEvent> events = TrafficGeneratorTest.read(
                        TrafficGeneratorTest.take(new TrafficGenerator(BENCH_CLUSTER), 20_000))
                .events();
        for (int partitions : new int[] {2, 4, 8}) {
            long[] counts = new long[partitions];
            for (NormalizedEvent e : events) {
                counts[partition(e.partitionKey(), partitions)]++;
            }
            double fairShare = events.size() / (double) partitions;
            for (int p = 0; p < partitions; p++) {
                assertThat(counts[p] / fairShare)
                        .as("partition %d of %d: %d of %d events", p, partitions, counts[p], events.size())
                        .isBetween(0.75, 1.25);
            }
        }
    }

    /** What Kafka's producer does with a keyed record (BuiltInPartitioner.partitionForKey). */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
