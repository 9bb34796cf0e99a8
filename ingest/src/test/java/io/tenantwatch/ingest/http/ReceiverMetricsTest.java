package io.tenantwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request time is a histogram with the same fixed buckets in every pod, so that Prometheus can
 * sum the buckets of all ingest pods before {@code histogram_quantile}; a client-side percentile
 * could not be aggregated.
 */
class ReceiverMetricsTest {

    @Test
    void requestTimesFallIntoFixedBucketsFromFiveMillisecondsToTheBodyDeadline() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReceiverMetrics metrics = new ReceiverMetrics(registry);
        metrics.request("audit", "200", TimeUnit.MILLISECONDS.toNanos(30));
        metrics.request("audit", "200", TimeUnit.MILLISECONDS.toNanos(3));
        metrics.request("audit", "200", TimeUnit.SECONDS.toNanos(61));

        Timer timer = registry.find(ReceiverMetrics.DURATION)
                .tags("endpoint", "audit", "status", "200")
                .timer();
        assertThat(timer).isNotNull();
        Map<Double, Double> cumulative = new LinkedHashMap<>();
        for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
            cumulative.put(bucket.bucket(TimeUnit.SECONDS), bucket.count());
        }
        assertThat(cumulative.keySet())
                .containsExactlyElementsOf(Arrays.stream(ReceiverMetrics.BUCKETS)
                        .map(d -> d.toNanos() / 1e9)
                        .toList())
                .startsWith(0.005)
                .endsWith(60.0);
        assertThat(cumulative.get(0.005)).isEqualTo(1);
        assertThat(cumulative.get(0.025)).isEqualTo(1);
        assertThat(cumulative.get(0.05)).isEqualTo(2);
        assertThat(cumulative.get(60.0)).as("the 61 s request is only in +Inf").isEqualTo(2);
        assertThat(timer.count()).isEqualTo(3);
    }
}
