package io.tenantwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.CommandRun;
import io.tenantwatch.app.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rows of DETECTORS.md's parity table whose detectors exist so far: each Falco test file,
 * replayed on its own with no tenancy file, raises (or, for a negative case, does not raise) the
 * matching detector. The detection-quality issue turns this into the full table from a data file.
 */
class FalcoParityTest {

    @ParameterizedTest(name = "{0} raises {1}")
    @CsvSource({
        "attach_pod.json, pod-exec",
        "exec_pod.json, pod-exec",
        "create_nginx_pod_privileged.json, privileged-container",
        "create_nginx_pod_privileged_2nd_container.json, privileged-container",
        "create_nginx_pod_no_secctx_1st_container_privileged_2nd_container.json, privileged-container",
    })
    void positive(String file, String detector) {
        CommandRun run = CommandRun.of("replay", "--format", "text", Corpus.file("falco-k8s-audit/" + file).toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).anyMatch(line -> line.contains(" " + detector + " "));
    }

    @ParameterizedTest(name = "{0} does not raise {1}")
    @CsvSource({
        "create_nginx_pod_unprivileged.json, privileged-container",
        "create_nginx_pod_nohostnetwork.json, privileged-container",
    })
    void negative(String file, String detector) {
        CommandRun run = CommandRun.of("replay", "--format", "text", Corpus.file("falco-k8s-audit/" + file).toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).noneMatch(line -> line.contains(" " + detector + " "));
    }
}
