package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.testkit.events.AuditEventLists;
import io.tenantwatch.testkit.events.NamespaceAuditEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service keeps what it learned from the audit stream across a restart (docs/tenancy.md,
 * "Learning tenancy from the audit stream"): no tenancy file, no directory; a namespace created with
 * a tenant label is that tenant's before the restart and, with no new create, after it.
 */
class LearnedTenancyRestartTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final String NAMESPACE = "gamma-payments";

    @TempDir
    Path dataDir;

    @Test
    void aNamespaceLearnedBeforeARestartKeepsItsTenantAfterIt() throws Exception {
        List<Alert> before = new CopyOnWriteArrayList<>();
        try (TenantWatchService first = new TenantWatchService(ServiceTest.options(dataDir)).start(before::add)) {
            await().atMost(Duration.ofSeconds(60)).until(first::ready);
            post(
                    first,
                    NamespaceAuditEvents.created(
                            "5b0c1e0a-8d43-4f0b-9a57-2f7c4d1e6a01",
                            T0,
                            NAMESPACE,
                            "0f6a3c52-9b1e-4d7a-8c2f-5e4b3a2d1c09",
                            Map.of("tenantwatch.io/tenant", "beta")),
                    exec("7e2d9f14-3c5a-4b6e-8f01-9a2b3c4d5e6f", T0.plusSeconds(1)));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(before)
                    .filteredOn(a -> a.detector().equals("pod-exec"))
                    .singleElement()
                    .extracting(Alert::tenant)
                    .isEqualTo("beta"));
        }

        List<Alert> after = new CopyOnWriteArrayList<>();
        try (TenantWatchService second = new TenantWatchService(ServiceTest.options(dataDir)).start(after::add)) {
            await().atMost(Duration.ofSeconds(60)).until(second::ready);
            post(second, exec("1d3f5b7a-9c2e-4f6a-8b0d-2e4f6a8c0b1d", T0.plusSeconds(60)));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(after)
                    .filteredOn(a -> a.detector().equals("pod-exec"))
                    .singleElement()
                    .extracting(Alert::tenant)
                    .isEqualTo("beta"));
        }
        assertThat(after).extracting(Alert::detector).doesNotContain("unmapped-namespace");
    }

    private static String exec(String auditId, Instant at) {
        return NamespaceAuditEvents.execInto(
                auditId, at, NAMESPACE, "api-0", "dev@contoso.com", List.of("system:authenticated"));
    }

    private static void post(TenantWatchService service, String... events) throws Exception {
        assertThat(ServiceTest.post(
                                service.receiverPort(),
                                "/v1/audit/default",
                                ServiceTest.TOKEN,
                                AuditEventLists.of(List.of(events)))
                        .statusCode())
                .isEqualTo(200);
    }
}
