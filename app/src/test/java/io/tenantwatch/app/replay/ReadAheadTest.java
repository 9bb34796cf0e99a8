package io.tenantwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading on its own thread changes nothing the caller sees: the same items, in the same order. */
class ReadAheadTest {

    /** Many chunks' worth of events with a skip and a rejection between them, in reading order. */
    @Test
    void eventsSkipsAndRejectionsArriveInTheOrderTheyWereReadOnTheCallersThread() {
        int count = ReadAhead.CHUNK * (ReadAhead.CHUNKS_AHEAD + 3) + 7;
        List<String> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        ReadAhead.run(
                sink -> {
                    for (int i = 0; i < count; i++) {
                        sink.event(event(i));
                        if (i % 500 == 0) {
                            sink.skipped(Reason.STAGE, "skip " + i);
                            sink.rejected(Reason.MISSING_FIELD, "reject " + i, new byte[] {1});
                        }
                    }
                },
                new ReadSink() {
                    @Override
                    public void event(NormalizedEvent e) {
                        seen.add(e.id());
                        threads.add(Thread.currentThread());
                    }

                    @Override
                    public void skipped(Reason reason, String detail) {
                        seen.add(detail);
                    }

                    @Override
                    public void rejected(Reason reason, String detail, byte[] original) {
                        seen.add(detail);
                    }
                });

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("e" + i);
            if (i % 500 == 0) {
                expected.add("skip " + i);
                expected.add("reject " + i);
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void whatTheReadingThrowsIsThrownToTheCallerAfterWhatWasReadBeforeIt() {
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> ReadAhead.run(
                        sink -> {
                            sink.event(event(1));
                            throw new ReplaySession.InputFailure("audit.jsonl", new IOException("disk gone"));
                        },
                        collecting(seen)))
                .isInstanceOf(ReplaySession.InputFailure.class)
                .hasMessage("audit.jsonl: disk gone");
        assertThat(seen).containsExactly("e1");
    }

    @Test
    void whenTheCallerFailsTheReadingThreadStopsInsteadOfWaitingForever() throws Exception {
        Thread[] reader = new Thread[1];
        assertThatThrownBy(() -> ReadAhead.run(
                        sink -> {
                            reader[0] = Thread.currentThread();
                            for (int i = 0; ; i++) {
                                sink.event(event(i));
                            }
                        },
                        new ReadSink() {
                            @Override
                            public void event(NormalizedEvent e) {
                                throw new IllegalStateException("detection failed");
                            }

                            @Override
                            public void skipped(Reason reason, String detail) {}

                            @Override
                            public void rejected(Reason reason, String detail, byte[] original) {}
                        }))
                .hasMessage("detection failed");
        reader[0].join(10_000);
        assertThat(reader[0].isAlive()).isFalse();
    }

    private static ReadSink collecting(List<String> seen) {
        return new ReadSink() {
            @Override
            public void event(NormalizedEvent e) {
                seen.add(e.id());
            }

            @Override
            public void skipped(Reason reason, String detail) {}

            @Override
            public void rejected(Reason reason, String detail, byte[] original) {}
        };
    }

    private static NormalizedEvent event(int i) {
        return new NormalizedEvent(
                "e" + i,
                NormalizedEvent.SOURCE_AUDIT,
                "c",
                null,
                Instant.EPOCH.plusMillis(i),
                "e" + i,
                "ResponseComplete",
                null,
                "get",
                null,
                "/",
                "allow",
                200,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
