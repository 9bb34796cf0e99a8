package io.tenantwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.schemas.Reason;
import io.tenantwatch.testkit.Corpus;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestCountersTest {

    @Test
    void countsAndPassesOn() {
        CollectingSink downstream = new CollectingSink();
        IngestCounters counters = new IngestCounters(downstream);
        new InputReader().read(Corpus.bytes("aks-envelope/sysdiglabs_event.json"), SourceBinding.fixed("d"), counters);
        new InputReader().read("{\"kind\":0}".getBytes(), SourceBinding.fixed("d"), counters);

        assertThat(counters.events()).isEqualTo(20);
        assertThat(counters.count(Reason.STAGE)).isEqualTo(2);
        assertThat(counters.count(Reason.BAD_FIELD_TYPE)).isEqualTo(1);
        assertThat(counters.records()).isEqualTo(23);
        assertThat(downstream.calls()).isEqualTo(23);

        IngestCounters.Snapshot s = counters.snapshot();
        assertThat(s.records()).isEqualTo(23);
        assertThat(s.events()).isEqualTo(20);
        assertThat(s.skipped()).isEqualTo(Map.of(Reason.STAGE, 2L));
        assertThat(s.rejected()).isEqualTo(Map.of(Reason.BAD_FIELD_TYPE, 1L));
        assertThat(s.skippedTotal()).isEqualTo(2);
        assertThat(s.rejectedTotal()).isEqualTo(1);
    }

    @Test
    void isSafeUnderConcurrentUse() throws InterruptedException {
        IngestCounters counters = new IngestCounters();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counters.skipped(Reason.STAGE, "x");
                    counters.rejected(Reason.TRUNCATED, "y", new byte[0]);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(counters.count(Reason.STAGE)).isEqualTo(40_000);
        assertThat(counters.snapshot().rejected()).isEqualTo(Map.of(Reason.TRUNCATED, 40_000L));
    }
}
