package io.tenantwatch.app.demo;

import io.tenantwatch.app.replay.ReplayInput;
import io.tenantwatch.app.replay.ReplaySession;
import io.tenantwatch.app.replay.ReplaySummary;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.ingest.tenancy.TenancyFileLoader;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.TenancyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tenantwatch demo}: the bundled scenario, a short multi-tenant attack story with benign
 * traffic around it, through the real detection topology; the alerts printed for a person.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Replays a bundled multi-tenant scenario through the detection topology and prints the alerts it raises.")
public final class DemoCommand implements Callable<Integer> {

    static final String SCENARIO = "/demo/scenario.jsonl";
    static final String TENANCY = "/demo/tenancy.yaml";
    static final String CLUSTER = "aks-demo";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TenancyConfig tenancy = bundledTenancy();

        out.println("tenantwatch demo: cluster " + CLUSTER + ", tenants " + describeTenants(tenancy));
        out.println("Scenario: ordinary work in each tenant, then a stolen CI token of tenant alpha turned on tenant beta,");
        out.println("a privileged debug pod, the AKS local admin in CoreDNS, and what Falco saw inside the pods.");
        out.println();

        List<Alert> alerts = new ArrayList<>();
        ReplaySummary summary = new ReplaySession(tenancy, DetectorRegistry.builtIn(), CLUSTER)
                .run(List.of(ReplayInput.resource(SCENARIO)), alerts::add);
        AlertTable.print(alerts, out);
        out.println();
        out.print(summary.describe(false));
        out.flush();
        return 0;
    }

    private static TenancyConfig bundledTenancy() throws Exception {
        try (InputStream in = DemoCommand.class.getResourceAsStream(TENANCY)) {
            if (in == null) {
                throw new IOException("bundled resource missing: " + TENANCY);
            }
            return new TenancyFileLoader().parse(TENANCY, new String(in.readAllBytes(), StandardCharsets.UTF_8)).config();
        }
    }

    private static String describeTenants(TenancyConfig tenancy) {
        List<String> names = new ArrayList<>();
        tenancy.tenants().forEach(t -> names.add(t.name() + " " + t.namespaces()));
        return String.join(" and ", names);
    }
}
