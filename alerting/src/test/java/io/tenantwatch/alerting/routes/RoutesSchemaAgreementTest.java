package io.tenantwatch.alerting.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema that editors use ({@code schemas/routes.schema.json}) and the loader's own
 * structure check ({@link RoutesStructure}) accept and refuse the same files, so neither can
 * drift from the other unnoticed.
 */
class RoutesSchemaAgreementTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = schema();
    private static final String OK_SINKS = "sinks: {out: {type: stdout}}\n";
    private static final String OK_ROUTES = "routes: [{sinks: [out]}]\n";

    static Stream<Arguments> refused() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("extra: 1\n" + OK_SINKS + OK_ROUTES, "extra"));
        cases.add(Arguments.of(OK_SINKS, "routes"));
        cases.add(Arguments.of("sinks: {}\n" + OK_ROUTES, "sinks"));
        cases.add(Arguments.of("sinks: {Bad Name: {type: stdout}}\n" + OK_ROUTES, "sinks.Bad Name"));
        cases.add(Arguments.of("sinks: {out: {type: pager}}\n" + OK_ROUTES, "sinks.out.type"));
        cases.add(Arguments.of("sinks: {out: {format: native}}\n" + OK_ROUTES, "sinks.out.type"));
        cases.add(Arguments.of("sinks: {out: {type: stdout, colour: red}}\n" + OK_ROUTES, "sinks.out.colour"));
        cases.add(Arguments.of(
                "sinks: {out: {type: stdout, secret: abcdefabcdefabcdef}}\n" + OK_ROUTES, "sinks.out.secret"));
        cases.add(Arguments.of("sinks: {out: {type: kafka}}\n" + OK_ROUTES, "sinks.out.topic"));
        cases.add(Arguments.of("sinks: {out: {type: file}}\n" + OK_ROUTES, "sinks.out.path"));
        cases.add(Arguments.of("sinks: {out: {type: stdout, format: xml}}\n" + OK_ROUTES, "sinks.out.format"));
        cases.add(Arguments.of("sinks: {out: {type: slack, url: \"ftp://x\"}}\n" + OK_ROUTES, "sinks.out.url"));
        cases.add(Arguments.of(
                "sinks: {out: {type: alertmanager, url: \"http://am\", runbookUrl: wiki}}\n" + OK_ROUTES,
                "sinks.out.runbookUrl"));
        cases.add(
                Arguments.of("sinks: {out: {type: file, path: a, maxBytes: 10}}\n" + OK_ROUTES, "sinks.out.maxBytes"));
        cases.add(Arguments.of("sinks: {out: {type: file, path: a, keep: -1}}\n" + OK_ROUTES, "sinks.out.keep"));
        cases.add(Arguments.of("sinks: {out: {type: file, path: \"\"}}\n" + OK_ROUTES, "sinks.out.path"));
        cases.add(Arguments.of("sinks: {out: {type: kafka, topic: \"bad topic!\"}}\n" + OK_ROUTES, "sinks.out.topic"));
        cases.add(Arguments.of(
                "sinks: {out: {type: alertmanager, url: \"http://am\", resolveAfter: 1 hour}}\n" + OK_ROUTES,
                "sinks.out.resolveAfter"));
        cases.add(Arguments.of("sinks: {out: {type: webhook, secretEnv: \"\"}}\n" + OK_ROUTES, "sinks.out.secretEnv"));
        cases.add(Arguments.of("suppression: {window: 10 minutes}\n" + OK_SINKS + OK_ROUTES, "suppression.window"));
        cases.add(Arguments.of(
                "suppression: {detectors: {Pod_Exec: 1m}}\n" + OK_SINKS + OK_ROUTES, "suppression.detectors.Pod_Exec"));
        cases.add(Arguments.of(
                "suppression: {detectors: {pod-exec: soon}}\n" + OK_SINKS + OK_ROUTES,
                "suppression.detectors.pod-exec"));
        cases.add(Arguments.of("suppression: 10m\n" + OK_SINKS + OK_ROUTES, "suppression"));
        cases.add(Arguments.of("delivery: {maxAttempts: 0}\n" + OK_SINKS + OK_ROUTES, "delivery.maxAttempts"));
        cases.add(Arguments.of("delivery: {maxAttempts: three}\n" + OK_SINKS + OK_ROUTES, "delivery.maxAttempts"));
        cases.add(Arguments.of(
                "delivery: {circuitBreaker: {failures: 0}}\n" + OK_SINKS + OK_ROUTES,
                "delivery.circuitBreaker.failures"));
        cases.add(Arguments.of(
                "delivery: {circuitBreaker: {halfOpen: 1}}\n" + OK_SINKS + OK_ROUTES,
                "delivery.circuitBreaker.halfOpen"));
        cases.add(Arguments.of(OK_SINKS + "routes: []\n", "routes"));
        cases.add(Arguments.of(OK_SINKS + "routes: {sinks: [out]}\n", "routes"));
        cases.add(Arguments.of(OK_SINKS + "routes: [just-a-string]\n", "routes[0]"));
        cases.add(Arguments.of(OK_SINKS + "routes: [{name: x}]\n", "routes[0].sinks"));
        cases.add(Arguments.of(OK_SINKS + "routes: [{sinks: []}]\n", "routes[0].sinks"));
        cases.add(Arguments.of(OK_SINKS + "routes: [{sinks: [Out!]}]\n", "routes[0].sinks[0]"));
        cases.add(Arguments.of(OK_SINKS + "routes: [{sinks: [out], continue: \"yes\"}]\n", "routes[0].continue"));
        cases.add(Arguments.of(
                OK_SINKS + "routes: [{sinks: [out], match: {minSeverity: urgent}}]\n", "routes[0].match.minSeverity"));
        cases.add(Arguments.of(
                OK_SINKS + "routes: [{sinks: [out], match: {tenants: alpha}}]\n", "routes[0].match.tenants"));
        cases.add(
                Arguments.of(OK_SINKS + "routes: [{sinks: [out], match: {tenants: []}}]\n", "routes[0].match.tenants"));
        cases.add(Arguments.of(
                OK_SINKS + "routes: [{sinks: [out], match: {namespaces: [1]}}]\n", "routes[0].match.namespaces[0]"));
        cases.add(Arguments.of(
                OK_SINKS + "routes: [{sinks: [out], match: {users: [alice]}}]\n", "routes[0].match.users"));
        String slack = "sinks: {out: {type: slack, url: \"https://x\", ";
        cases.add(Arguments.of(slack + "headers: {\"Bad Name\": x}}}\n" + OK_ROUTES, "sinks.out.headers.Bad Name"));
        cases.add(Arguments.of(slack + "headers: {X-Org: 1}}}\n" + OK_ROUTES, "sinks.out.headers.X-Org"));
        cases.add(Arguments.of(slack + "headers: {X-Org: [a]}}}\n" + OK_ROUTES, "sinks.out.headers.X-Org"));
        cases.add(Arguments.of(slack + "headers: {X-Org: \"a\\nb\"}}}\n" + OK_ROUTES, "sinks.out.headers.X-Org"));
        cases.add(Arguments.of(
                slack + "headers: {X-Key: {value: abc}}}}\n" + OK_ROUTES, "sinks.out.headers.X-Key.value"));
        cases.add(Arguments.of(
                slack + "headers: {X-Key: {valueEnv: \"\"}}}}\n" + OK_ROUTES, "sinks.out.headers.X-Key.valueEnv"));
        cases.add(Arguments.of(slack + "headers: [X-Org]}}\n" + OK_ROUTES, "sinks.out.headers"));
        cases.add(Arguments.of(slack + "basicAuth: {passwordEnv: P}}}\n" + OK_ROUTES, "sinks.out.basicAuth.username"));
        cases.add(Arguments.of(
                slack + "basicAuth: {username: \"a:b\", passwordEnv: P}}}\n" + OK_ROUTES,
                "sinks.out.basicAuth.username"));
        cases.add(Arguments.of(
                slack + "basicAuth: {username: a, password: p}}}\n" + OK_ROUTES, "sinks.out.basicAuth.password"));
        cases.add(Arguments.of(slack + "bearerToken: abc}}\n" + OK_ROUTES, "sinks.out.bearerToken"));
        cases.add(Arguments.of(slack + "bearerTokenFile: \"\"}}\n" + OK_ROUTES, "sinks.out.bearerTokenFile"));
        cases.add(Arguments.of(slack + "caFile: 3}}\n" + OK_ROUTES, "sinks.out.caFile"));
        cases.add(Arguments.of(slack + "systemCAs: \"yes\"}}\n" + OK_ROUTES, "sinks.out.systemCAs"));
        cases.add(Arguments.of(
                "sinks: {out: {type: webhook, legacySignature: 1}}\n" + OK_ROUTES, "sinks.out.legacySignature"));
        cases.add(Arguments.of(
                "sinks: {out: {type: alertmanager, severityMap: {urgent: critical}}}\n" + OK_ROUTES,
                "sinks.out.severityMap.urgent"));
        cases.add(Arguments.of(
                "sinks: {out: {type: alertmanager, severityMap: {high: \"\"}}}\n" + OK_ROUTES,
                "sinks.out.severityMap.high"));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("refused")
    void bothRefuseAndTheLoaderNamesTheEntry(String yaml, String path) throws Exception {
        JsonNode doc = YAML.readTree(yaml);
        assertThat(SCHEMA.validate(doc)).as("schema problems of:\n%s", yaml).isNotEmpty();
        List<String> problems = structureProblems(doc);
        assertThat(problems).as("loader problems of:\n%s", yaml).isNotEmpty();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("routes.yaml: " + path + ":"));
    }

    static Stream<String> accepted() throws Exception {
        return Stream.of(OK_SINKS + OK_ROUTES, RoutesLoaderTest.resource("/examples/routes.yaml"), """
                suppression: {window: 0s, detectors: {pod-exec: 30m, falco-runtime: 500ms}}
                delivery: {maxAttempts: 1000, initialBackoff: 1ms, maxBackoff: 1d, timeout: 1h, circuitBreaker: {failures: 1, openFor: 1s}}
                sinks:
                  am: {type: alertmanager, urlEnv: AM, runbookUrl: "https://w/{detector}", generatorUrl: "https://g/{id}", resolveAfter: 2h,
                       headers: {X-Scope-OrgID: soc, X-Api-Key: {valueFile: k, prefix: "Key "}}, basicAuth: {username: soc, passwordFile: p},
                       caFile: ca.pem, systemCAs: true, severityMap: {high: critical, low: none}}
                  hook: {type: webhook, urlFile: u, secretFile: s, format: ocsf, legacySignature: false, bearerTokenEnv: T,
                         headers: {Authorization: {valueEnv: A}}}
                  slack: {type: slack, url: "https://hooks.slack.com/x", bearerTokenFile: t, caFile: ca.pem}
                  bus: {type: kafka, topic: soc.findings, bootstrapServers: "k:9092", format: native}
                  log: {type: file, path: a.jsonl, maxBytes: 1024, keep: 0}
                  out_1: {type: stdout, format: text}
                routes:
                  - {name: a, match: {tenants: ["", alpha], namespaces: ["a-*"], detectors: ["cross-*"], clusters: [aks], minSeverity: info},
                     sinks: [am, hook], continue: true}
                  - {sinks: [slack, bus, log, out_1], continue: false}
                """);
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void bothAccept(String yaml) throws Exception {
        JsonNode doc = YAML.readTree(yaml);
        assertThat(SCHEMA.validate(doc)).isEmpty();
        assertThat(structureProblems(doc)).isEmpty();
    }

    @Test
    void theEnumerationsAreTheSame() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(RoutesLoaderTest.resource("/schemas/routes.schema.json"));
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(texts(schema.at("/$defs/sink/properties/type/enum"))).isEqualTo(RoutesStructure.SINK_TYPES);
        assertThat(texts(schema.at("/$defs/sink/properties/format/enum"))).isEqualTo(RoutesStructure.FORMATS);
        assertThat(texts(schema.at("/$defs/route/properties/match/properties/minSeverity/enum")))
                .isEqualTo(RoutesStructure.SEVERITIES);
    }

    private static List<String> structureProblems(JsonNode doc) {
        ConfigProblems problems = new ConfigProblems("routes.yaml");
        RoutesStructure.check(doc, problems);
        try {
            problems.throwIfAny();
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonSchema schema() {
        try (InputStream in = RoutesSchemaAgreementTest.class.getResourceAsStream("/schemas/routes.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
