package io.tenantwatch.app.bench.traffic;

import java.util.SplittableRandom;

/**
 * Falco runtime alerts from tenants' pods as falcosidekick forwards them (Falco's JSON output plus
 * sidekick's {@code uuid}), shaped on the corpus' "Terminal shell in container" alert. Every one
 * raises {@code falco-runtime} (docs/detectors.md, group G).
 */
final class FalcoAlerts {

    private record Rule(String name, String priority, String tags, String what, String procName, String cmdline) {}

    private static final Rule[] RULES = {
        new Rule(
                "Terminal shell in container",
                "Notice",
                "\"container\",\"mitre_execution\",\"shell\"",
                "A shell was spawned in a container with an attached terminal",
                "bash",
                "bash"),
        new Rule(
                "Read sensitive file untrusted",
                "Warning",
                "\"filesystem\",\"mitre_credential_access\"",
                "Sensitive file opened for reading by non-trusted program",
                "cat",
                "cat /etc/shadow"),
        new Rule(
                "Drop and execute new binary in container",
                "Critical",
                "\"container\",\"mitre_persistence\"",
                "Executing binary not part of base image",
                "xmrig",
                "/tmp/xmrig --donate-level 1"),
        new Rule(
                "Contact K8S API Server From Container",
                "Notice",
                "\"container\",\"k8s\",\"mitre_discovery\"",
                "Unexpected connection to K8s API Server from container",
                "curl",
                "curl -k https://10.0.0.1:443/api"),
    };

    private final TrafficGenerator gen;

    FalcoAlerts(TrafficGenerator gen) {
        this.gen = gen;
    }

    void next() {
        SplittableRandom random = gen.random();
        ClusterModel model = gen.model();
        ClusterModel.Namespace ns =
                model.namespaces().get(random.nextInt(model.namespaces().size()));
        ClusterModel.App app = ns.apps().get(random.nextInt(ns.apps().size()));
        String pod = app.pods().get(random.nextInt(app.pods().size()));
        Rule rule = RULES[random.nextInt(RULES.length)];
        String node = model.nodes().get(random.nextInt(model.nodes().size()));
        String container = Long.toHexString(random.nextLong() | 0x100000000000L).substring(0, 12);
        gen.tick();
        String time = gen.timestamp();
        String nanos = time.substring(0, time.length() - 1) + String.format("%03dZ", random.nextInt(1000));
        long evtTime = java.time.Instant.parse(nanos).getEpochSecond() * 1_000_000_000L
                + java.time.Instant.parse(nanos).getNano();
        String repository = app.image().substring(0, app.image().lastIndexOf(':'));
        String uuid = gen.uuid();
        String output = time.substring(11, 19) + "." + nanos.substring(20, 29) + ": " + rule.priority() + " "
                + rule.what()
                + " (user=root user_loginuid=-1 k8s.ns=" + ns.name() + " k8s.pod=" + pod + " container=" + container
                + " shell=" + rule.procName() + " parent=runc cmdline=" + rule.cmdline()
                + " terminal=34816 container_id="
                + container + " image=" + repository + ")";
        String json = "{\"hostname\":\"falco-" + ClusterModel.token(random, 5) + "\",\"output\":" + quoted(output)
                + ",\"priority\":\"" + rule.priority() + "\",\"rule\":\"" + rule.name() + "\",\"source\":\"syscall\","
                + "\"tags\":[" + rule.tags() + "],\"time\":\"" + nanos + "\",\"output_fields\":{"
                + "\"container.id\":\"" + container + "\",\"container.image.repository\":\"" + repository + "\","
                + "\"evt.time\":" + evtTime + ",\"k8s.ns.name\":\"" + ns.name() + "\",\"k8s.pod.name\":\"" + pod + "\","
                + "\"proc.cmdline\":" + quoted(rule.cmdline()) + ",\"proc.name\":\"" + rule.procName() + "\","
                + "\"proc.pname\":\"runc\",\"proc.tty\":34816,\"user.loginuid\":-1,\"user.name\":\"root\"},"
                + "\"uuid\":\"" + uuid + "\"}";
        gen.emitFalco(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), uuid, "falco-runtime");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
