package io.tenantwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.RequestUri;
import org.junit.jupiter.api.Test;

/** The exec command as EventContext reads it from the request URI. */
class EventContextTest {

    private static String commandOf(String requestURI) {
        return EventContext.commandOf(RequestUri.of(requestURI));
    }

    @Test
    void theCommandParametersAreDecodedAndJoined() {
        // the request URI of corpus exec_pod.json
        assertThat(commandOf("/api/v1/namespaces/default/pods/nginx-deployment-7998647bdf-phvq7/exec"
                        + "?command=bash&container=nginx1&container=nginx1&stdin=true&stdout=true&tty=true"))
                .isEqualTo("bash");
        assertThat(commandOf("/api/v1/namespaces/a/pods/p/exec?container=web&command=sh&command=-c"
                        + "&command=cat+%2Fvar%2Frun%2Fsecrets%2Fkubernetes.io%2Fserviceaccount%2Ftoken&stdout=true"))
                .isEqualTo("sh -c cat /var/run/secrets/kubernetes.io/serviceaccount/token");
        assertThat(commandOf("/api/v1/namespaces/a/pods/p/exec?command=echo&command=&command=x"))
                .isEqualTo("echo  x");
    }

    @Test
    void noCommandIsNull() {
        assertThat(commandOf(null)).isNull();
        assertThat(commandOf("/api/v1/namespaces/a/pods/p/exec")).isNull();
        assertThat(commandOf("/api/v1/namespaces/a/pods/p/attach?container=web&stdin=true"))
                .isNull();
        assertThat(commandOf("/api/v1/namespaces/a/pods/p/exec?subcommand=ls")).isNull();
    }

    @Test
    void aMalformedEscapeIsKeptAsSent() {
        assertThat(commandOf("/api/v1/namespaces/a/pods/p/exec?command=cat&command=100%zz"))
                .isEqualTo("cat 100%zz");
    }

    @Test
    void theCommandIsParsedOnceAndKept() {
        EventContext context = AuditEvents.by(Identities.MASTERCLIENT)
                .exec("alpha-prod", "web-1", "ls", "-la")
                .context();

        assertThat(context.execCommand()).isEqualTo("ls -la").isSameAs(context.execCommand());
    }
}
