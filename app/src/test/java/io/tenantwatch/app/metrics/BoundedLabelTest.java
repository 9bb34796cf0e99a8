package io.tenantwatch.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BoundedLabelTest {

    @Test
    void theFirstValuesKeepTheirNameAndLaterOnesAreOther() {
        BoundedLabel label = new BoundedLabel("tenant", 2, Set.of("_platform"));

        assertThat(label.of("alpha")).isEqualTo("alpha");
        assertThat(label.of("beta")).isEqualTo("beta");
        assertThat(label.of("gamma")).isEqualTo(BoundedLabel.OTHER);
        assertThat(label.of("alpha")).as("an admitted value stays admitted").isEqualTo("alpha");
        assertThat(label.of("_platform")).as("always kept, takes no place").isEqualTo("_platform");
        assertThat(label.of(null)).isEqualTo(BoundedLabel.NONE);
        assertThat(label.of("")).isEqualTo(BoundedLabel.NONE);
        assertThat(label.admittedCount()).isEqualTo(2);
    }

    @Test
    void zeroPlacesMakeEveryValueOther() {
        BoundedLabel label = new BoundedLabel("tenant", 0, Set.of());
        assertThat(label.of("alpha")).isEqualTo(BoundedLabel.OTHER);
    }

    @Test
    void aNegativeCapIsRefusedWithTheLabelsName() {
        assertThatThrownBy(() -> new BoundedLabel("tenant", -1, Set.of())).hasMessageContaining("tenant");
    }

    @Test
    void concurrentFirstSightingsNeverAdmitMoreThanTheCap() throws Exception {
        BoundedLabel label = new BoundedLabel("tenant", 50, Set.of());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        seen.add(label.of("tenant-" + ((i * 7 + offset) % 1_000)));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(label.admittedCount()).isEqualTo(50);
        assertThat(seen).hasSize(51).contains(BoundedLabel.OTHER);
    }
}
