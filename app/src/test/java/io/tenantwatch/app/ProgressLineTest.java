package io.tenantwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress line of a long replay or bench: rare, in place, and gone before the summary. */
class ProgressLineTest {

    private final StringWriter written = new StringWriter();
    private long now = 5_000_000_000L;

    private ProgressLine line(long total) {
        return ProgressLine.printing(new PrintWriter(written, true), "replay", total, () -> now);
    }

    private void advance(Duration d) {
        now += d.toNanos();
    }

    @Test
    void itPrintsAtMostOnceASecondWithRateAlertsShareAndTimeLeft() {
        ProgressLine progress = line(1_000_000);
        progress.update(0, 0, 0);
        advance(Duration.ofMillis(500));
        progress.update(500, 1, 100_000);
        assertThat(written.toString()).as("nothing within the first second").isEmpty();

        advance(Duration.ofMillis(1500));
        progress.update(20_000, 3, 250_000);
        assertThat(written.toString()).isEqualTo("\rreplay: 20,000 events (10,000/s), 3 alerts, 25%, about 6s left");

        advance(Duration.ofMillis(100));
        progress.update(20_100, 3, 251_000);
        assertThat(written.toString()).as("not again within a second").doesNotContain("20,100");
    }

    @Test
    void aShorterLineCoversTheLongerOneAndFinishErasesIt() {
        ProgressLine progress = line(-1);
        progress.update(0, 0, 0);
        advance(Duration.ofSeconds(2));
        progress.update(2_000_000, 12_345, 0);
        String first = "\rreplay: 2,000,000 events (1,000,000/s), 12,345 alerts";
        assertThat(written.toString())
                .as("no share or time left for standard input")
                .isEqualTo(first);

        advance(Duration.ofSeconds(2));
        progress.update(2_000_001, 0, 0);
        String second = "\rreplay: 2,000,001 events (500,000/s), 0 alerts";
        assertThat(written.toString()).isEqualTo(first + second + " ".repeat(first.length() - second.length()));

        progress.finish();
        assertThat(written.toString()).endsWith("\r" + " ".repeat(first.length() - 1) + "\r");
    }

    @Test
    void theSilentLineWritesNothing() {
        ProgressLine.SILENT.update(1, 1, 1);
        ProgressLine.SILENT.finish();
        assertThat(written.toString()).isEmpty();
    }
}
