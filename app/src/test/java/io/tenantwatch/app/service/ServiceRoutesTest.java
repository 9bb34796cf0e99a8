package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.alerting.routes.RoutesLoader;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Alert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --routes}: the service's alerting part delivers what detection raised to the sinks of
 * the routes file (here a file sink, read back as a SOC's log shipper would), and says so on
 * /metrics; a routes file that is not there stops the start with one line.
 */
class ServiceRoutesTest {

    @TempDir
    Path dir;

    @Test
    void alertsRaisedInTheServiceReachTheRoutedSink() throws Exception {
        Path routesFile = dir.resolve("routes.yaml");
        Files.writeString(routesFile, """
                sinks:
                  archive: {type: file, path: delivered/alerts.jsonl}
                routes:
                  - {name: everything, sinks: [archive]}
                """);
        Path delivered = dir.resolve("delivered/alerts.jsonl");
        List<Alert> printed = new CopyOnWriteArrayList<>();
        ServiceConfig withRoutes = ServiceTest.config(dir.resolve("data"))
                .alerting(new AlertingConfig(new RoutesLoader().load(routesFile)))
                .build();
        try (TenantWatchService service = new TenantWatchService(withRoutes).start(printed::add)) {
            await().atMost(Duration.ofSeconds(60)).until(service::ready);

            assertThat(ServiceTest.post(
                                    service.receiverPort(),
                                    "/v1/audit/aks-routed",
                                    ServiceTest.TOKEN,
                                    ServiceTest.eventList("exec_pod.json"))
                            .statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(delivered)
                    .exists()
                    .content()
                    .contains("\"detector\":\"pod-exec\"")
                    .contains("\"cluster\":\"aks-routed\""));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            ServiceTest.metrics(service.metricsPort()))
                    .containsPattern(
                            "tenantwatch_alerting_deliveries_total\\{outcome=\"delivered\",sink=\"archive\"} [1-9]"));
            assertThat(printed).extracting(Alert::detector).contains("pod-exec");
        }
    }

    @Test
    void aMissingRoutesFileIsAUsageError() {
        CommandRun run =
                CommandRun.of("run", "--routes", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("nope.yaml: no such routes file");
    }
}
