package io.tenantwatch.app.bench;

import io.micrometer.core.instrument.Counter;
import io.tenantwatch.app.ProgressLine;
import io.tenantwatch.app.TempDirs;
import io.tenantwatch.app.bench.traffic.ClusterModel;
import io.tenantwatch.app.metrics.DetectionMetrics;
import io.tenantwatch.app.service.AlertingConfig;
import io.tenantwatch.app.service.DetectConfig;
import io.tenantwatch.app.service.IngestConfig;
import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.ingest.http.ReceiverConfig;
import io.tenantwatch.ingest.kafka.DeadLetter;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.ingest.kafka.WriterBusyException;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.KafkaCallException;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * {@code bench --mode broker}: the service as {@code run} starts it (embedded broker, topics,
 * the detection topology on Kafka Streams with exactly_once_v2, the alert consumer), fed by ingest's
 * reader and Kafka writer (what the receivers do after HTTP) at a given rate or as fast as it takes
 * them; the latency of an attack event is from handing it to the writer to its alert being read
 * (read_committed) from tw.alerts. On the same broker and bytes, a plain producer and consumer
 * give the broker's own rates.
 */
final class BrokerBench {

    private static final Duration CATCH_UP = Duration.ofMinutes(15);

    /** What the run measured. */
    record Result(
            long events,
            long nanos,
            Latencies latencies,
            Detections.Counts alerts,
            double produceRate,
            double consumeRate,
            long late) {}

    private final TenancyConfig tenancy;
    private final DetectorConfig detectors;
    private final int partitions;
    private final double rate;
    private final Duration commitInterval;
    private final int streamThreads;
    private final Path workDir;

    /**
     * @param rate events per second to offer; 0 offers them as fast as the writer takes them
     */
    BrokerBench(
            TenancyConfig tenancy,
            DetectorConfig detectors,
            int partitions,
            double rate,
            Duration commitInterval,
            int streamThreads,
            Path workDir) {
        this.commitInterval = commitInterval;
        this.streamThreads = streamThreads;
        this.tenancy = tenancy;
        this.detectors = detectors;
        this.partitions = partitions;
        this.rate = rate;
        this.workDir = workDir;
    }

    Result run(TrafficFile traffic, Detections detections, ProgressLine progress) throws InterruptedException {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory(workDir, "tenantwatch-bench-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + workDir, e);
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        ServiceConfig config = ServiceConfig.builder(dataDir)
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, partitions, (short) 1))
                .tenancy(tenancy)
                .ingest(IngestConfig.of(ReceiverConfig.defaults(
                                ClusterModel.CLUSTER,
                                BearerTokens.of(UUID.randomUUID().toString()))
                        .withPort(0)))
                .detect(DetectConfig.DEFAULTS
                        .withDetectors(detectors, null)
                        .withCommitInterval(commitInterval)
                        .withStreamThreads(streamThreads))
                .alerting(AlertingConfig.OUTPUT_ONLY)
                .build();
        TenantWatchService service = new TenantWatchService(config);
        try {
            service.start((Alert alert) -> {
                long now = System.nanoTime();
                detections.alert(alert);
                String id = detections.attackId(alert);
                Long sent = id == null ? null : sentAt.remove(id);
                if (sent != null) {
                    synchronized (latencies) {
                        latencies.add(now - sent);
                    }
                }
            });
            awaitReady(service);
            RawRates raw = new RawRates(service.bootstrapServers(), partitions);
            double[] rates = raw.measure(traffic);
            try (KafkaEventWriter writer = new KafkaEventWriter(
                    KafkaEventWriter.producerProperties(service.bootstrapServers()),
                    service.topics(),
                    KafkaEventWriter.DEFAULT_MAX_IN_FLIGHT_RECORDS)) {
                Feeder feeder = new Feeder(writer, sentAt, traffic);
                feeder.feed(0, traffic.firstMeasured(), 0, ProgressLine.SILENT, () -> 0);
                awaitCaughtUp(service);
                Detections.Counts alertsBefore = detections.counts();
                double lateBefore = lateEvents(service);
                synchronized (latencies) {
                    latencies.clear();
                }
                long start = System.nanoTime();
                long alertsAtStart = alertsBefore.total();
                feeder.feed(
                        traffic.firstMeasured(),
                        traffic.records(),
                        rate,
                        progress,
                        () -> detections.total() - alertsAtStart);
                awaitCaughtUp(service);
                long nanos = System.nanoTime() - start;
                synchronized (latencies) {
                    return new Result(
                            traffic.events(traffic.firstMeasured(), traffic.records()),
                            nanos,
                            latencies.copy(),
                            detections.counts().since(alertsBefore),
                            rates[0],
                            rates[1],
                            Math.round(lateEvents(service) - lateBefore));
                }
            }
        } finally {
            service.close();
            TempDirs.deleteQuietly(dataDir);
        }
    }

    /** What group F dropped as late so far, all detectors: the service's own counter. */
    private static double lateEvents(TenantWatchService service) {
        return service.registry().find(DetectionMetrics.LATE_EVENTS).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static void awaitReady(TenantWatchService service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!service.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not become ready: " + service.notReadyReason());
            }
            Thread.sleep(50);
        }
    }

    private static void awaitCaughtUp(TenantWatchService service) throws InterruptedException {
        if (!service.awaitCaughtUp(CATCH_UP)) {
            throw new IllegalStateException("the service did not catch up within " + CATCH_UP.toMinutes() + " minutes");
        }
    }

    /** Reads records with ingest's reader and writes their events with ingest's Kafka writer. */
    private static final class Feeder implements ReadSink {
        private final KafkaEventWriter writer;
        private final Map<String, Long> sentAt;
        private final TrafficFile traffic;
        private final InputReader reader = new InputReader();
        private final SourceBinding binding = SourceBinding.service(ClusterModel.CLUSTER, Map.of());
        private final List<NormalizedEvent> events = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        Feeder(KafkaEventWriter writer, Map<String, Long> sentAt, TrafficFile traffic) {
            this.writer = writer;
            this.sentAt = sentAt;
            this.traffic = traffic;
        }

        /**
         * Records [from, to) at {@code perSecond} events a second (0: as fast as the writer takes
         * them), showing on {@code progress} the events offered and the alerts {@code alerts} counts.
         */
        void feed(int from, int to, double perSecond, ProgressLine progress, LongSupplier alerts)
                throws InterruptedException {
            long start = System.nanoTime();
            long offered = 0;
            CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
            for (int i = from; i < to; i++) {
                if (perSecond > 0) {
                    long due = start + (long) (offered * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                reader.read(traffic.read(i), 0, traffic.length(i), binding, this);
                offered += events.size();
                long now = System.nanoTime();
                for (NormalizedEvent e : events) {
                    if (traffic.expected(e.id()) != null) {
                        sentAt.put(e.id(), now);
                    }
                }
                last = write();
                progress.update(offered, alerts.getAsLong(), i - from + 1);
            }
            KafkaCallException.await(last, Duration.ofMinutes(1), "write the generated events");
            progress.finish();
        }

        private CompletableFuture<Void> write() throws InterruptedException {
            while (true) {
                CompletableFuture<Void> f = writer.write(events, deadLetters);
                if (!f.isCompletedExceptionally() || !(causeOf(f) instanceof WriterBusyException)) {
                    events.clear();
                    deadLetters.clear();
                    return f;
                }
                Thread.sleep(1);
            }
        }

        private static Throwable causeOf(CompletableFuture<Void> f) {
            try {
                f.getNow(null);
                return null;
            } catch (java.util.concurrent.CompletionException e) {
                return e.getCause();
            }
        }

        @Override
        public void event(NormalizedEvent e) {
            events.add(e);
        }

        @Override
        public void skipped(Reason reason, String detail) {}

        @Override
        public void rejected(Reason reason, String detail, byte[] original) {
            deadLetters.add(new DeadLetter(ClusterModel.CLUSTER, "bench", reason, detail, original));
        }
    }
}
