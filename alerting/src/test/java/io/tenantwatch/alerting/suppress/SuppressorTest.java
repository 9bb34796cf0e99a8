package io.tenantwatch.alerting.suppress;

import static io.tenantwatch.alerting.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.alerting.testing.MutableClock;
import io.tenantwatch.alerting.testing.TestAlerts;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressorTest {

    private final MutableClock clock = new MutableClock(T0);
    private final Suppressor<String> suppressor = new Suppressor<>(
            new SuppressionPolicy(
                    Duration.ofMinutes(10),
                    Map.of("falco-runtime", Duration.ofMinutes(1), "cross-tenant-exec", Duration.ZERO)),
            clock);

    /** The same finding (same fingerprint) seen at {@code time}, with its own audit id. */
    private static Alert occurrence(String detector, Instant time, String auditId) {
        return TestAlerts.alert(detector, "alpha", "alpha-web", Severity.MEDIUM, "api-1", time, auditId);
    }

    @Test
    void theFirstGoesOutAtOnceAndRepeatsBecomeOneUpdateAtTheWindowsEnd() {
        Alert first = occurrence("pod-exec", T0, "a1");
        assertThat(suppressor.admit(first, "o1")).isEqualTo(Suppressor.Admission.FIRST);
        clock.advance(Duration.ofMinutes(2));
        assertThat(suppressor.admit(occurrence("pod-exec", T0.plusSeconds(120), "a2"), "o2"))
                .isEqualTo(Suppressor.Admission.REPEAT);
        clock.advance(Duration.ofMinutes(5));
        assertThat(suppressor.admit(occurrence("pod-exec", T0.plusSeconds(420), "a3"), "o3"))
                .isEqualTo(Suppressor.Admission.REPEAT);
        assertThat(suppressor.due()).isEmpty();

        clock.set(T0.plus(Duration.ofMinutes(10)));
        List<GroupUpdate<String>> due = suppressor.due();
        assertThat(due).hasSize(1);
        GroupUpdate<String> u = due.get(0);
        assertThat(u.absorbed()).containsExactly("o2", "o3");
        Alert update = u.update();
        assertThat(update.evidence().count()).isEqualTo(3);
        assertThat(update.firstSeen()).isEqualTo(T0);
        assertThat(update.lastSeen()).isEqualTo(T0.plusSeconds(420));
        assertThat(update.time()).isEqualTo(T0.plusSeconds(420));
        assertThat(update.evidence().auditIds()).containsExactly("a1", "a2", "a3");
        assertThat(update.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(update.id()).isNotEqualTo(first.id());
        // Formats tell the update from a detector's alert by its id alone.
        assertThat(GroupUpdateIds.isGroupUpdate(update)).isTrue();
        assertThat(GroupUpdateIds.isGroupUpdate(first)).isFalse();
        assertThat(update.summary()).contains("3 times");
        assertThat(ContractSchemas.ALERT.problems(update)).isEmpty();
        assertThat(suppressor.openGroups()).isZero();
    }

    @Test
    void afterTheWindowTheNextOccurrenceIsAFirstAgain() {
        suppressor.admit(occurrence("pod-exec", T0, "a1"), "o1");
        clock.advance(Duration.ofMinutes(10));
        // A window without repeats ends silently.
        assertThat(suppressor.due()).isEmpty();
        assertThat(suppressor.admit(occurrence("pod-exec", T0.plusSeconds(600), "a2"), "o2"))
                .isEqualTo(Suppressor.Admission.FIRST);
    }

    @Test
    void anExpiredWindowNotYetCollectedStillSendsItsUpdate() {
        suppressor.admit(occurrence("pod-exec", T0, "a1"), "o1");
        suppressor.admit(occurrence("pod-exec", T0, "a2"), "o2");
        clock.advance(Duration.ofMinutes(11));
        assertThat(suppressor.admit(occurrence("pod-exec", T0.plusSeconds(660), "a3"), "o3"))
                .isEqualTo(Suppressor.Admission.FIRST);
        List<GroupUpdate<String>> due = suppressor.due();
        assertThat(due).singleElement().satisfies(u -> {
            assertThat(u.absorbed()).containsExactly("o2");
            assertThat(u.update().evidence().count()).isEqualTo(2);
        });
        // The new window is still open and collects its own repeats.
        assertThat(suppressor.admit(occurrence("pod-exec", T0.plusSeconds(670), "a4"), "o4"))
                .isEqualTo(Suppressor.Admission.REPEAT);
    }

    @Test
    void windowsArePerDetectorAndZeroTurnsSuppressionOff() {
        suppressor.admit(occurrence("falco-runtime", T0, "f1"), "o1");
        suppressor.admit(occurrence("falco-runtime", T0, "f2"), "o2");
        clock.advance(Duration.ofMinutes(1));
        assertThat(suppressor.due()).hasSize(1);

        for (int i = 0; i < 3; i++) {
            assertThat(suppressor.admit(occurrence("cross-tenant-exec", T0, "x" + i), "x"))
                    .isEqualTo(Suppressor.Admission.FIRST);
        }
        assertThat(suppressor.openGroups()).isZero();
    }

    @Test
    void differentFindingsAreGroupedApart() {
        Alert a = TestAlerts.alert("alpha", "alpha-web", Severity.HIGH, 1);
        Alert b = TestAlerts.alert("alpha", "alpha-web", Severity.HIGH, 2);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(suppressor.admit(a, "a")).isEqualTo(Suppressor.Admission.FIRST);
        assertThat(suppressor.admit(b, "b")).isEqualTo(Suppressor.Admission.FIRST);
        assertThat(suppressor.nextDeadline()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void windowedAlertsCountTheirOwnOccurrences() {
        Alert windowed = occurrence("pod-exec", T0, "w1");
        Alert.Evidence e = windowed.evidence();
        Alert five = new Alert(
                windowed.schemaVersion(),
                windowed.id(),
                windowed.fingerprint(),
                windowed.detector(),
                windowed.severity(),
                windowed.title(),
                windowed.summary(),
                T0.plusSeconds(60),
                T0,
                T0.plusSeconds(60),
                windowed.cluster(),
                windowed.tenant(),
                windowed.actorTenants(),
                windowed.namespace(),
                windowed.actor(),
                windowed.verb(),
                windowed.resource(),
                windowed.source(),
                new Alert.Evidence(
                        e.auditIds(),
                        5,
                        e.sourceIPs(),
                        e.userAgent(),
                        e.requestURI(),
                        null,
                        null,
                        List.of(),
                        List.of()),
                windowed.mitre());
        suppressor.admit(five, "o1");
        suppressor.admit(five, "o2");
        assertThat(suppressor.drain())
                .singleElement()
                .satisfies(u -> assertThat(u.update().evidence().count()).isEqualTo(10));
    }

    @Test
    void forgettingDropsGroupsWhoseRepeatsAllWentAway() {
        suppressor.admit(occurrence("pod-exec", T0, "a1"), "keep");
        suppressor.admit(occurrence("pod-exec", T0, "a2"), "gone");
        suppressor.forgetIf("gone"::equals);
        assertThat(suppressor.drain()).isEmpty();
        // The fingerprint is free again: the new owner of the partition decides.
        assertThat(suppressor.admit(occurrence("pod-exec", T0, "a3"), "x")).isEqualTo(Suppressor.Admission.FIRST);
    }
}
