package io.tenantwatch.ingest.audit;

import static io.tenantwatch.ingest.TestEvents.MAPPER;
import static io.tenantwatch.ingest.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.RequestUri;
import io.tenantwatch.testkit.Corpus;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command of an exec read from its PodExecOptions (requestObject, at Request level and above)
 * when the request URI names none: appended to the URI as the {@code command=} parameters kubectl
 * sends, so that detectors read one place.
 */
class ExecCommandNormalizationTest {

    private static final String TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /** The corpus exec (Falco's exec_pod.json) with its URI stripped of the command, and the options as a body. */
    private static ObjectNode execWithOptions(String level, String verb) throws IOException {
        ObjectNode e = (ObjectNode) MAPPER.readTree(Corpus.bytes("falco-k8s-audit/exec_pod.json"));
        e.put("level", level).put("verb", verb);
        e.put(
                "requestURI",
                "/api/v1/namespaces/default/pods/nginx-deployment-7998647bdf-phvq7/exec?container=nginx1&stdin=true&stdout=true");
        ObjectNode options = e.putObject("requestObject");
        options.put("kind", "PodExecOptions").put("apiVersion", "v1");
        options.put("stdout", true).put("container", "nginx1");
        options.putArray("command").add("sh").add("-c").add("cat " + TOKEN + " | base64");
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Request", "RequestResponse"})
    void theCommandOfTheOptionsBecomesTheUrisCommandParameters(String level) throws IOException {
        NormalizedEvent exec = read(execWithOptions(level, "create")).onlyEvent();

        assertThat(RequestUri.of(exec.requestURI()).params("command"))
                .containsExactly("sh", "-c", "cat " + TOKEN + " | base64");
        assertThat(exec.requestURI())
                .startsWith("/api/v1/namespaces/default/pods/nginx-deployment-7998647bdf-phvq7/exec?container=nginx1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "get"})
    void whateverTheVerbWebSocketClientsUseGet(String verb) throws IOException {
        NormalizedEvent exec = read(execWithOptions("Request", verb)).onlyEvent();

        assertThat(RequestUri.of(exec.requestURI()).params("command")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Request", "RequestResponse"})
    void aUriThatNamesTheCommandIsKeptAsSent(String level) throws IOException {
        ObjectNode e = execWithOptions(level, "create");
        String sent = "/api/v1/namespaces/default/pods/nginx-deployment-7998647bdf-phvq7/exec?command=id&stdout=true";
        e.put("requestURI", sent);

        assertThat(read(e).onlyEvent().requestURI()).isEqualTo(sent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Request", "RequestResponse"})
    void aCredentialInTheOptionsIsRedactedLikeOneInTheUri(String level) throws IOException {
        ObjectNode e = execWithOptions(level, "create");
        ((ObjectNode) e.get("requestObject"))
                .putArray("command")
                .add("curl")
                .add("-H")
                .add("Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .add("https://kubernetes.default.svc/api");

        String uri = read(e).onlyEvent().requestURI();

        assertThat(uri).contains("command=curl").doesNotContain("eyJ").doesNotContain("c2lnbmF0dXJl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"attach", "portforward"})
    void otherExecLikeRequestsAreLeftAlone(String subresource) throws IOException {
        ObjectNode e = execWithOptions("Request", "create");
        ((ObjectNode) e.get("objectRef")).put("subresource", subresource);

        assertThat(read(e).onlyEvent().requestURI()).doesNotContain("command=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"id\"", "[\"id\", 7]"})
    void optionsWithoutAListOfStringsAddNothing(String command) throws IOException {
        ObjectNode e = execWithOptions("Request", "create");
        ((ObjectNode) e.get("requestObject")).set("command", MAPPER.readTree(command));

        assertThat(read(e).onlyEvent().requestURI()).doesNotContain("command=");
    }
}
