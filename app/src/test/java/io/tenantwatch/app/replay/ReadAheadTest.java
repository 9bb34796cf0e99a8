package io.tenantwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.replay.FileSource;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.testkit.events.DeniedRequests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading on its own thread changes nothing the caller sees: the same items, in the same order. */
class ReadAheadTest {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    private static final NormalizedEvent DENIAL = firstEvent();

    private static NormalizedEvent firstEvent() {
        CollectingSink sink = new CollectingSink();
        try {
            read(DeniedRequests.events(0, 1, START).get(0).getBytes(StandardCharsets.UTF_8), sink);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sink.onlyEvent();
    }

    /**
     * Audit lines as replay reads them, many chunks' worth: denials, with a line that is not JSON
     * (rejected) and one of a stage that is not counted (skipped) every 300.
     */
    private static byte[] input() {
        List<String> lines = new ArrayList<>();
        List<String> denials = DeniedRequests.events(0, ReadAhead.CHUNK * (ReadAhead.CHUNKS_AHEAD + 3) + 7, START);
        for (int i = 0; i < denials.size(); i++) {
            lines.add(denials.get(i));
            if (i % 300 == 0) {
                lines.add("{not json " + i);
                lines.add(denials.get(i).replace("\"ResponseComplete\"", "\"RequestReceived\""));
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static void read(byte[] input, ReadSink sink) throws Exception {
        new FileSource(new InputReader()).read(new ByteArrayInputStream(input), SourceBinding.fixed("c"), sink);
    }

    @Test
    void eventsSkipsAndRejectionsArriveInTheOrderTheyWereReadOnTheCallersThread() throws Exception {
        byte[] input = input();
        List<String> onOneThread = new ArrayList<>();
        read(input, recording(onOneThread, new ArrayList<>()));

        List<String> readAhead = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        ReadAhead.run(sink -> read(input, sink), recording(readAhead, threads));

        assertThat(onOneThread).filteredOn(s -> s.startsWith("rejected")).hasSizeGreaterThan(3);
        assertThat(onOneThread).filteredOn(s -> s.startsWith("skipped")).hasSizeGreaterThan(3);
        assertThat(readAhead).containsExactlyElementsOf(onOneThread);
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    private static ReadSink recording(List<String> seen, List<Thread> threads) {
        return new ReadSink() {
            @Override
            public void event(NormalizedEvent e) {
                seen.add(e.id());
                threads.add(Thread.currentThread());
            }

            @Override
            public void skipped(Reason reason, String detail) {
                seen.add("skipped " + reason);
            }

            @Override
            public void rejected(Reason reason, String detail, byte[] original) {
                seen.add("rejected " + reason);
            }
        };
    }

    @Test
    void whatTheReadingThrowsIsThrownToTheCallerAfterWhatWasReadBeforeIt() {
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> ReadAhead.run(
                        sink -> {
                            sink.event(DENIAL);
                            throw new ReplaySession.InputFailure("audit.jsonl", new IOException("disk gone"));
                        },
                        recording(seen, new ArrayList<>())))
                .isInstanceOf(ReplaySession.InputFailure.class)
                .hasMessage("audit.jsonl: disk gone");
        assertThat(seen).containsExactly(DENIAL.id());
    }

    @Test
    void whenTheCallerFailsTheReadingThreadStopsInsteadOfWaitingForever() throws Exception {
        Thread[] reader = new Thread[1];
        assertThatThrownBy(() -> ReadAhead.run(
                        sink -> {
                            reader[0] = Thread.currentThread();
                            while (true) {
                                sink.event(DENIAL);
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
}
