package io.tenantwatch.app.bench;

import io.tenantwatch.app.DebugOption;
import io.tenantwatch.app.DetectorConfigs;
import io.tenantwatch.app.ProgressLine;
import io.tenantwatch.app.ProgressOption;
import io.tenantwatch.app.UsageException;
import io.tenantwatch.app.bench.traffic.ClusterModel;
import io.tenantwatch.app.bench.traffic.TrafficGenerator;
import io.tenantwatch.app.bench.traffic.TrafficSpec;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.schemas.TenancyConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tenantwatch bench}: measures detection on seeded, realistic traffic of a simulated
 * multi-tenant AKS cluster (benign activity, attack traces, Falco alerts), against the ceiling of
 * parsing the same bytes (docs/architecture.md, "Performance yardsticks"). {@code --mode generate}
 * writes the traffic and its tenancy file instead, for {@code replay}.
 */
@Command(
        name = "bench",
        header = "Measures throughput, latency and heap on generated traffic.",
        mixinStandardHelpOptions = true,
        description = {
            "Measures throughput, latency and heap on generated traffic of a multi-tenant AKS cluster:",
            "  topology    the production detection topology in-process, as replay runs it (reading, per-event",
            "              detection and grouping on three threads);",
            "  broker      the service on the embedded broker with exactly_once_v2, produce to alert;",
            "  parse-only  Jackson's streaming tokenization of the same bytes (measured in every mode);",
            "  generate    writes the traffic and its tenancy file to --out, for replay.",
            "Goals are reported, not enforced. Exit 0 when it ran, 2 for a usage error."
        })
public final class BenchCommand implements Callable<Integer> {

    enum Mode {
        TOPOLOGY,
        BROKER,
        PARSE_ONLY,
        GENERATE
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "topology",
            converter = ModeConverter.class,
            description = "topology, broker, parse-only or generate (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "200000",
            description = "Events to measure (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "-1",
            description = "Events run first and not measured, to warm the JIT (default: as many as --events).")
    long warmup;

    @Option(
            names = "--tenants",
            paramLabel = "N",
            defaultValue = "20",
            description = "Tenants (default: ${DEFAULT-VALUE}).")
    int tenants;

    @Option(
            names = "--namespaces",
            paramLabel = "N",
            defaultValue = "200",
            description = "Tenant namespaces (default: ${DEFAULT-VALUE}).")
    int namespaces;

    @Option(
            names = "--actors",
            paramLabel = "N",
            defaultValue = "2000",
            description = "People, CI and workload service accounts (default: ${DEFAULT-VALUE}).")
    int actors;

    @Option(
            names = "--attack-rate",
            paramLabel = "SHARE",
            defaultValue = "0.01",
            description = "Share of records that are attack traces (default: ${DEFAULT-VALUE}).")
    double attackRate;

    @Option(
            names = "--falco-rate",
            paramLabel = "SHARE",
            defaultValue = "0.01",
            description = "Share of records that are Falco runtime alerts (default: ${DEFAULT-VALUE}).")
    double falcoRate;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "audit",
            converter = FormatConverter.class,
            description =
                    "audit (one Event a line) or aks (Event Hubs bodies of 10 records) (default: ${DEFAULT-VALUE}).")
    TrafficSpec.Format format;

    @Option(
            names = "--cluster-rate",
            paramLabel = "EVENTS_PER_SECOND",
            defaultValue = "200",
            description = "Audit events a second of the simulated cluster, in event time (default: ${DEFAULT-VALUE}).")
    double clusterRate;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rate",
            paramLabel = "EVENTS_PER_SECOND",
            defaultValue = "0",
            description =
                    "broker: events offered per second; 0 offers them as fast as the broker takes them (default).")
    double rate;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "2",
            description = "broker: partitions of the topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--commit-interval",
            paramLabel = "DURATION",
            defaultValue = "PT0.1S",
            description = "broker: how often detection commits (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration commitInterval;

    @Option(
            names = "--stream-threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "broker: Kafka Streams threads of detection (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Detector tuning (detectors.yaml). Default: every detector on, images allowed from the generated registries.")
    Path configFile;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "generate: where to write traffic.jsonl and tenancy.yaml.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Mixin
    ProgressOption progress;

    @Mixin
    DebugOption debugOption;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrafficSpec traffic = trafficSpec();
        TrafficGenerator generator = new TrafficGenerator(traffic);
        if (mode == Mode.GENERATE) {
            new TrafficWriter(generator).write(out, events, err);
            return 0;
        }
        TenancyConfig tenancy = generator.model().tenancy();
        DetectorConfig detectorConfig = configFile == null ? benchDefaults() : DetectorConfigs.load(configFile);
        ConfiguredDetectors detection = ConfiguredDetectors.build(BuiltInDetectors.definitions(), detectorConfig);
        // As many as are measured: on two cores the JIT compiler was still busy (50-85 % of a core)
        // all through a run measured after a quarter as many, and the service measured 0.6 of what
        // it does warm (docs/PERFORMANCE.md, "Warm-up").
        long warmupEvents = warmup < 0 ? events : warmup;
        err.println("bench: generating " + (warmupEvents + events) + " events (" + warmupEvents + " warm-up) of "
                + traffic.tenants() + " tenants, " + traffic.namespaces() + " namespaces, " + traffic.actors()
                + " actors...");
        err.flush();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (TrafficFile file = TrafficFile.generate(generator, warmupEvents, events, tmp)) {
            long measured = file.events(file.firstMeasured(), file.records());
            ParseOnly parse = new ParseOnly();
            parse.run(file, 0, file.firstMeasured());
            double parseRate = measured * 1e9 / parse.run(file, file.firstMeasured(), file.records());
            ReadOnly read = new ReadOnly();
            read.run(file, 0, file.firstMeasured());
            double readRate = measured * 1e9 / read.run(file, file.firstMeasured(), file.records());
            BenchReport report;
            Detections detections = new Detections(file);
            try (HeapWatch heap = new HeapWatch()) {
                report = switch (mode) {
                    case PARSE_ONLY ->
                        new BenchReport(
                                "parse-only",
                                measured,
                                round(parseRate),
                                round(parseRate),
                                round(readRate),
                                1.0,
                                null,
                                null,
                                round(heap.peakMb()),
                                0,
                                null,
                                0,
                                cores(),
                                null,
                                null,
                                null,
                                null,
                                null);
                    case TOPOLOGY -> {
                        TopologyBench.Result r =
                                new TopologyBench(tenancy, detection).run(file, detections, progressLine(file));
                        yield new Measured(
                                        "topology",
                                        r.events(),
                                        r.nanos(),
                                        r.latencies(),
                                        r.alerts(),
                                        parseRate,
                                        readRate)
                                .report(
                                        heap,
                                        detection,
                                        detections,
                                        null,
                                        null,
                                        r.failures().records(),
                                        r.late());
                    }
                    case BROKER -> {
                        BrokerBench.Result r = new BrokerBench(
                                        tenancy, detectorConfig, partitions, rate, commitInterval, streamThreads, tmp)
                                .run(file, detections, progressLine(file));
                        yield new Measured(
                                        "broker", r.events(), r.nanos(), r.latencies(), r.alerts(), parseRate, readRate)
                                .report(
                                        heap,
                                        detection,
                                        detections,
                                        round(r.produceRate()),
                                        round(r.consumeRate()),
                                        null,
                                        r.late());
                    }
                    case GENERATE -> throw new IllegalStateException("handled above");
                };
            }
            stdout.print(json ? report.json() + System.lineSeparator() : report.table());
            stdout.flush();
        }
        return 0;
    }

    private TrafficSpec trafficSpec() {
        if (events < 1) {
            throw new UsageException("--events must be at least 1, was " + events);
        }
        if (mode == Mode.GENERATE && out == null) {
            throw new UsageException("--mode generate needs --out DIR");
        }
        if (rate < 0) {
            throw new UsageException("--rate must not be negative, was " + rate);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new UsageException("--commit-interval must be positive, was " + commitInterval);
        }
        if (partitions < 1) {
            throw new UsageException("--partitions must be at least 1, was " + partitions);
        }
        try {
            return new TrafficSpec(
                    seed,
                    tenants,
                    namespaces,
                    actors,
                    attackRate,
                    falcoRate,
                    format,
                    TrafficSpec.DEFAULT_START,
                    clusterRate);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Every detector on, untrusted-registry included, with the registries the generated cluster uses. */
    public static DetectorConfig benchDefaults() {
        return new DetectorConfig(
                Map.of(
                        "untrusted-registry",
                        new DetectorConfig.DetectorSettings(
                                true,
                                null,
                                Map.of("allowedRegistries", List.of(ClusterModel.REGISTRY, "mcr.microsoft.com")))),
                List.of(),
                Map.of(),
                List.of());
    }

    private ProgressLine progressLine(TrafficFile file) {
        return progress.line(spec.commandLine().getErr(), "bench", file.records() - file.firstMeasured());
    }

    /** What both detecting modes measure; {@link #report} adds the run's heap, detectors and each mode's own fields. */
    private record Measured(
            String mode,
            long events,
            long nanos,
            Latencies latencies,
            Detections.Counts alerts,
            double parseRate,
            double readRate) {

        BenchReport report(
                HeapWatch heap,
                ConfiguredDetectors detection,
                Detections detections,
                Double produceRate,
                Double consumeRate,
                Long processingFailures,
                long late) {
            double perSecond = events * 1e9 / nanos;
            return new BenchReport(
                    mode,
                    events,
                    round(perSecond),
                    round(parseRate),
                    round(readRate),
                    BenchReport.round(perSecond / parseRate, 3),
                    ms(latencies, 50),
                    ms(latencies, 99),
                    round(heap.peakMb()),
                    alerts.total(),
                    alerts.byDetector(),
                    detectorsEnabled(detection),
                    cores(),
                    produceRate,
                    consumeRate,
                    detections.missed(),
                    processingFailures,
                    late);
        }
    }

    private static int detectorsEnabled(ConfiguredDetectors detection) {
        return detection.global().detectors().size();
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static double round(double value) {
        return BenchReport.round(value, 1);
    }

    private static Double ms(Latencies latencies, double percentile) {
        double v = latencies.percentileMs(percentile);
        return Double.isNaN(v) ? null : BenchReport.round(v, 3);
    }

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return switch (value) {
                case "topology" -> Mode.TOPOLOGY;
                case "broker" -> Mode.BROKER;
                case "parse-only" -> Mode.PARSE_ONLY;
                case "generate" -> Mode.GENERATE;
                default ->
                    throw new picocli.CommandLine.TypeConversionException(
                            "'" + value + "' is not a mode (topology, broker, parse-only, generate)");
            };
        }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<TrafficSpec.Format> {
        @Override
        public TrafficSpec.Format convert(String value) {
            return switch (value) {
                case "audit" -> TrafficSpec.Format.AUDIT;
                case "aks" -> TrafficSpec.Format.AKS;
                default ->
                    throw new picocli.CommandLine.TypeConversionException(
                            "'" + value + "' is not a format (audit, aks)");
            };
        }
    }
}
