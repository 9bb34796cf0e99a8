package io.tenantwatch.schemas.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

    private static final String CANARY = "s3cr3tCanary";
    private static final String JWT =
            "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YSJ9.c2lnbmF0dXJl";

    private static String exec(String... args) {
        StringBuilder uri = new StringBuilder("/api/v1/namespaces/beta-prod/pods/api-0/exec?container=api");
        for (String a : args) {
            uri.append("&command=").append(a);
        }
        return uri.append("&stdin=true&stdout=true").toString();
    }

    @Test
    void aUrlEncodedBearerHeaderInAnExecCommandIsRemoved() {
        // kubectl exec ... -- curl -H "Authorization: Bearer TOKEN" https://kubernetes.default
        String uri = exec("curl", "-H", "Authorization%3A%20Bearer%20" + CANARY, "https%3A%2F%2Fkubernetes.default");

        String clean = Redaction.requestUri(uri);

        assertThat(clean)
                .doesNotContain(CANARY)
                .contains("command=Authorization:+Bearer+[redacted]")
                .contains("command=curl&command=-H&")
                .contains("container=api")
                .endsWith("&stdin=true&stdout=true");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Authorization%3A%20Bearer%20" + CANARY,
                "Authorization:+Bearer+" + CANARY,
                "Authorization%3A%09Bearer%09" + CANARY,
                "Bearer%20abc%2B" + CANARY,
                "Bearer+abc%2Bdef" + CANARY,
            })
    void bearerTokensAreRemovedWhateverTheSeparatorAndWhateverTheyContain(String header) {
        assertThat(Redaction.requestUri(exec("curl", "-H", header, "https://kubernetes.default")))
                .doesNotContain(CANARY);
    }

    @Test
    void aTokenInAnyQueryParameterIsRemovedWholeIncludingItsPlusSigns() {
        assertThat(Redaction.requestUri("/proxy/callback?access_token=abc+" + CANARY + "&x=1"))
                .isEqualTo("/proxy/callback?access_token=[redacted]&x=1");
        assertThat(Redaction.requestUri("/proxy/callback?note=Bearer+abc+" + CANARY))
                .doesNotContain(CANARY);
    }

    @Test
    void jwtsAreRemovedFromPathsAndQueries() {
        assertThat(Redaction.requestUri("/api/v1/nodes/n1/proxy/x/" + JWT + "/y"))
                .isEqualTo("/api/v1/nodes/n1/proxy/x/[redacted]/y");
        assertThat(Redaction.requestUri(exec("echo", JWT)))
                .doesNotContain("eyJhbGci")
                .contains("command=echo&command=[redacted]");
    }

    @Test
    void passwordsOnExecCommandLinesAreRemoved() {
        assertThat(Redaction.requestUri(exec("mysql", "-uroot", "-p" + CANARY, "shop")))
                .doesNotContain(CANARY)
                .contains("command=mysql&command=-uroot&command=-p[redacted]&command=shop");
        assertThat(Redaction.requestUri(exec("redis-cli", "-h", "redis", "-a", CANARY, "KEYS", "*")))
                .doesNotContain(CANARY)
                .contains("command=-a&command=[redacted]&command=KEYS");
        assertThat(Redaction.requestUri(exec("env", "PGPASSWORD%3D" + CANARY, "psql", "-h", "db")))
                .doesNotContain(CANARY)
                .contains("command=PGPASSWORD%3D[redacted]&command=psql");
        assertThat(Redaction.requestUri(exec("app", "--password%3D" + CANARY))).doesNotContain(CANARY);
        assertThat(Redaction.requestUri(exec("app", "--db-password", CANARY, "--verbose")))
                .doesNotContain(CANARY)
                .contains("command=--verbose");
        assertThat(Redaction.requestUri(exec("sh", "-c", "mysql+-h+db+-p" + CANARY + "+shop")))
                .doesNotContain(CANARY)
                .contains("command=sh&command=-c&command=mysql+-h+db+-p[redacted]+shop");
        assertThat(Redaction.requestUri(exec("curl", "-u", "admin%3A" + CANARY, "http://x")))
                .doesNotContain(CANARY)
                .contains("command=admin:[redacted]");
        assertThat(Redaction.requestUri(exec("psql", "postgresql%3A%2F%2Fapp%3A" + CANARY + "%40db%2Fshop")))
                .doesNotContain(CANARY)
                .contains("app:[redacted]@db");
    }

    @Test
    void whatDetectorsLookForSurvives() {
        String stealToken = exec("cat", "/var/run/secrets/kubernetes.io/serviceaccount/token");
        assertThat(Redaction.requestUri(stealToken)).isSameAs(stealToken);
        String curlWithToken = Redaction.requestUri(
                exec(
                        "sh",
                        "-c",
                        "curl+-H+%22Authorization%3A+Bearer+%24%28cat+/var/run/secrets/kubernetes.io/serviceaccount/token%29%22+https://kubernetes.default"));
        assertThat(curlWithToken).contains("kubernetes.io/serviceaccount/token", "kubernetes.default", "curl");
        String portForward = "/api/v1/namespaces/a/pods/db-0/portforward?ports=5432";
        assertThat(Redaction.requestUri(portForward)).isSameAs(portForward);
        String list = "/api/v1/secrets?labelSelector=owner%3Dhelm&limit=500";
        assertThat(Redaction.requestUri(list)).isSameAs(list);
    }

    @Test
    void falcoCommandLinesAndFreeText() {
        assertThat(Redaction.commandLine("mysql -h db -u root -p" + CANARY + " shop"))
                .isEqualTo("mysql -h db -u root -p[redacted] shop");
        assertThat(Redaction.commandLine("PGPASSWORD=" + CANARY + " psql -h db"))
                .isEqualTo("PGPASSWORD=[redacted] psql -h db");
        assertThat(Redaction.commandLine("redis-cli -a " + CANARY + " ping")).isEqualTo("redis-cli -a [redacted] ping");
        assertThat(Redaction.commandLine("sshpass -p " + CANARY + " ssh host"))
                .isEqualTo("sshpass -p [redacted] ssh host");
        assertThat(Redaction.commandLine("app --token " + CANARY)).isEqualTo("app --token [redacted]");
        assertThat(Redaction.commandLine("curl -H 'Authorization: Bearer " + CANARY + "' https://x"))
                .isEqualTo("curl -H 'Authorization: Bearer [redacted]' https://x");
        assertThat(Redaction.text("{\"client_secret\":\"" + CANARY + "\"}")).doesNotContain(CANARY);
        assertThat(Redaction.commandLine("redis-cli -p 6379 ping")).isEqualTo("redis-cli -p 6379 ping");
        assertThat(Redaction.commandLine("ls -la /tmp")).isEqualTo("ls -la /tmp");
    }

    @Test
    void argvWithNothingToRemoveIsReturnedAsItIs() {
        List<String> argv = List.of("ls", "-la", "/tmp");
        assertThat(Redaction.argv(argv)).isSameAs(argv);
        assertThat(Redaction.argv(List.of("mysql", "-p" + CANARY))).containsExactly("mysql", "-p[redacted]");
    }

    @Test
    void escapesThatSpellATriggerWordAreStillLookedAt() {
        // %74oken is "token", %2D%2Dpassword "--password", %40 an "@" of user:password@host
        assertThat(Redaction.requestUri("/proxy/cb?%74oken=" + CANARY)).doesNotContain(CANARY);
        assertThat(Redaction.requestUri(exec("app", "%2D%2Dpa%73sword%3D" + CANARY)))
                .doesNotContain(CANARY);
        assertThat(Redaction.requestUri("/proxy/cb?next=https%3A%2F%2Fu%3A" + CANARY + "%40host"))
                .doesNotContain(CANARY);
        String watch = "/api/v1/namespaces/a/pods?fieldSelector=spec.nodeName%3Daks-1&watch=true";
        assertThat(Redaction.requestUri(watch)).isSameAs(watch);
    }

    @Test
    void malformedEscapesDoNotHideWhatFollows() {
        assertThat(Redaction.requestUri(exec("x%zz", "--password%3D" + CANARY))).doesNotContain(CANARY);
        assertThat(Redaction.requestUri("/x?a=%&token=" + CANARY)).doesNotContain(CANARY);
    }
}
