package io.tenantwatch.app.demo;

import io.micrometer.core.instrument.Counter;
import io.tenantwatch.app.DebugOption;
import io.tenantwatch.app.TempDirs;
import io.tenantwatch.app.metrics.MetricsServer;
import io.tenantwatch.app.service.AlertingConfig;
import io.tenantwatch.app.service.DetectConfig;
import io.tenantwatch.app.service.IngestConfig;
import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.ingest.http.ReceiverConfig;
import io.tenantwatch.ingest.tenancy.TenancyFileLoader;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tenantwatch demo}: the whole service on an embedded broker, fed the bundled scenario (a
 * short multi-tenant attack story with benign traffic around it) through its HTTP receivers; the
 * alerts printed for a person.
 */
@Command(
        name = "demo",
        header = "Runs a multi-tenant attack scenario and shows its alerts.",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the service on an embedded Kafka broker, sends a bundled multi-tenant scenario to its HTTP receivers",
            "and prints the alerts it raises. Nothing to install but a JDK."
        })
public final class DemoCommand implements Callable<Integer> {

    static final String SCENARIO = "/demo/scenario.jsonl";
    static final String TENANCY = "/demo/tenancy.yaml";

    /** The scenario fed to the receivers: the bundled one; a test gives one that must raise nothing. */
    String scenario = SCENARIO;

    static final String CLUSTER = "aks-demo";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration PROCESSING = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--keep-running",
            description = "Keep the service and its /metrics up after the scenario, until Ctrl-C.")
    boolean keepRunning;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            defaultValue = "9400",
            description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int metricsPort;

    @Mixin
    DebugOption debugOption;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TenancyConfig tenancy = bundledTenancy();
        Path dataDir = Files.createTempDirectory("tenantwatch-demo-");
        // A token of the moment: the demo's receivers are never open to anyone else.
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ServiceConfig config = ServiceConfig.builder(dataDir)
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 1, (short) 1))
                .metrics(MetricsServer.Endpoint.loopback(metricsPort))
                .tenancy(tenancy)
                .ingest(IngestConfig.of(
                        ReceiverConfig.defaults(CLUSTER, BearerTokens.of(token)).withPort(0)))
                .detect(DetectConfig.DEFAULTS)
                .alerting(AlertingConfig.OUTPUT_ONLY)
                .build();

        out.println("tenantwatch demo: cluster " + CLUSTER + ", tenants " + describeTenants(tenancy));
        out.println("Starting the service on an embedded Kafka broker...");
        out.flush();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        TenantWatchService service = new TenantWatchService(config).start(alerts::add);
        try {
            if (!service.awaitCaughtUp(STARTUP)) {
                throw new IllegalStateException("the service did not become ready within " + STARTUP.toSeconds()
                        + " s: " + service.notReadyReason());
            }
            out.println(
                    "Scenario: ordinary work in each tenant, then a stolen CI token of tenant alpha turned on tenant beta,");
            out.println("a privileged debug pod, the AKS local admin in CoreDNS, and what Falco saw inside the pods.");
            out.println("Sending it to the HTTP receivers at http://127.0.0.1:" + service.receiverPort() + " ...");
            out.println();
            out.flush();
            ScenarioFeeder.Receipts receipts;
            try (InputStream scenario = resource(this.scenario)) {
                receipts =
                        new ScenarioFeeder("http://127.0.0.1:" + service.receiverPort(), token).feed(scenario, CLUSTER);
            }
            if (!service.awaitCaughtUp(PROCESSING)) {
                throw new IllegalStateException("detection did not catch up within " + PROCESSING.toSeconds() + " s");
            }
            if (alerts.isEmpty()) {
                // Every run of the scenario raises alerts; none means the pipeline failed, never success.
                throw new IllegalStateException(
                        "the scenario raised no alert: detection caught up but handed out nothing");
            }
            List<Alert> sorted = new ArrayList<>(alerts);
            sorted.sort(Comparator.comparing(Alert::time, Comparator.nullsLast(Comparator.naturalOrder())));
            AlertTable.print(sorted, out);
            out.println();
            out.println(summary(receipts, service, sorted.size()));
            if (keepRunning) {
                out.println("The service keeps running: metrics at http://127.0.0.1:" + service.metricsPort()
                        + "/metrics. Ctrl-C to stop.");
                out.flush();
                awaitInterrupt(service);
            }
            out.flush();
            return 0;
        } finally {
            service.close();
            TempDirs.deleteQuietly(dataDir);
        }
    }

    private static String summary(ScenarioFeeder.Receipts receipts, TenantWatchService service, int alerts) {
        Counter duplicates =
                service.registry().find("tenantwatch.detection.duplicates").counter();
        long duplicateCount = duplicates == null ? 0 : (long) duplicates.count();
        StringBuilder reasons = new StringBuilder();
        receipts.reasons().forEach((reason, n) -> reasons.append(reasons.length() == 0 ? "" : ", ")
                .append(reason)
                .append(' ')
                .append(n));
        if (duplicateCount > 0) {
            reasons.append(reasons.length() == 0 ? "" : ", ")
                    .append("duplicate ")
                    .append(duplicateCount);
        }
        return receipts.records() + " records sent, " + (receipts.accepted() - duplicateCount) + " events counted"
                + (reasons.length() == 0 ? "" : ", the rest skipped or rejected (" + reasons + ")") + "; " + alerts
                + " alerts.";
    }

    private static void awaitInterrupt(TenantWatchService service) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            stopped.countDown();
                        },
                        "tenantwatch-demo-shutdown"));
        stopped.await();
    }

    private static TenancyConfig bundledTenancy() throws Exception {
        try (InputStream in = resource(TENANCY)) {
            return new TenancyFileLoader()
                    .parse(TENANCY, new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .config();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoCommand.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("bundled resource missing: " + name);
        }
        return in;
    }

    private static String describeTenants(TenancyConfig tenancy) {
        List<String> names = new ArrayList<>();
        tenancy.tenants().forEach(t -> names.add(t.name() + " " + t.namespaces()));
        return String.join(" and ", names);
    }
}
