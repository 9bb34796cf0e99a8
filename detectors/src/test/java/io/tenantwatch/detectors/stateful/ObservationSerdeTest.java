package io.tenantwatch.detectors.stateful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** {@link ObservationSerde}: what goes in comes out, and what is cut short or foreign is refused. */
class ObservationSerdeTest {

    private static final ObservationSerde SERDE = new ObservationSerde();
    private static final String POD = "payments-api-6c9f7d8b4-k2x7q";
    private static final String CREDENTIAL = "JTI=7b1f3c2a-9d4e-4f6a-8b1c-2d3e4f5a6b7c";

    /** A request with beta's payments pod token: what token-reuse and runtime-then-api see most. */
    private static NormalizedEvent podRequest() {
        Actor sa = RbacEvents.podServiceAccount("beta-prod", "payments-api", POD);
        Actor token = new Actor(
                sa.username(),
                sa.uid(),
                sa.groups(),
                null,
                null,
                ActorType.SERVICEACCOUNT,
                "beta-prod",
                POD,
                CREDENTIAL,
                null);
        return AuditEvents.by(token)
                .get("secrets", "beta-prod", "payments-db")
                .sourceIp("10.244.1.23")
                .normalized();
    }

    private static List<Observation> observed(ObservingDetector detector, NormalizedEvent event) {
        List<Observation> out = new ArrayList<>();
        detector.observe(new EventContext(event, TenancyFixtures.ATTRIBUTOR), out::add);
        return out;
    }

    private static Observation roundTrip(Observation o) {
        return SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", o));
    }

    private static List<Observation> examples() {
        List<Observation> all = new ArrayList<>(observed(new TokenReuse(), podRequest()));
        all.addAll(observed(new RuntimeThenApi(), podRequest()));
        all.addAll(observed(
                new RuntimeThenApi(),
                FalcoEvents.sensitiveFileRead("beta-prod", POD).normalized()));
        all.add(new Observation(
                "forbidden-burst",
                "own-id-ü",
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                "aks-prod-weu",
                "k8s-audit",
                null,
                new Alert.AlertActor(null, null, null, List.of("a", ""), "imp", null),
                List.of("alpha", "beta"),
                null,
                new Alert.AlertResource(null, "nodes", null, null),
                null,
                null,
                "audit-1",
                List.of("::1"),
                null,
                "/api?x=ü",
                null,
                null,
                null,
                null,
                null,
                List.of("contoso.azurecr.io/alpha/web:1.4.2", "docker.io/alpine/socat:1.7.4.4")));
        all.add(new Observation(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null));
        return all;
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        List<Observation> all = examples();
        assertThat(all).hasSize(5);
        assertThat(all.get(0).credentialId()).isEqualTo(CREDENTIAL);
        assertThat(all.get(1).pod()).isEqualTo("beta-prod/" + POD);
        assertThat(all.get(2).falcoPriority()).isEqualTo("Warning");
        assertThat(all.get(2).eventId()).isEqualTo(all.get(2).falcoUuid());
        for (Observation o : all) {
            assertThat(roundTrip(o)).isEqualTo(o);
        }
        Observation severe = all.get(0).withSeverity(Severity.CRITICAL);
        assertThat(roundTrip(severe).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aSequenceStartSurvivesTheRoundTrip() {
        NormalizedEvent write = RbacEvents.by(Identities.ALICE)
                .create("clusterrolebindings", null, "debug-access")
                .binding("ClusterRole", "cluster-admin", RbacEvents.user("alice@contoso.com"))
                .normalized();
        Alert alert = AlertBuilder.of(
                        io.tenantwatch.detectors.rbac.RbacDetectors.DEFINITIONS
                                .get(0)
                                .spec(),
                        new EventContext(write))
                .build();
        Observation start = Observation.startOf(alert);
        assertThat(start.isSequenceStart()).isTrue();
        assertThat(start.auditId()).isEqualTo(write.auditId());
        assertThat(roundTrip(start)).isEqualTo(start);
    }

    @Test
    void everyTruncationIsASerializationException() {
        for (Observation o : examples()) {
            byte[] bytes = SERDE.serializer().serialize("t", o);
            for (int n = 0; n < bytes.length; n++) {
                byte[] prefix = Arrays.copyOf(bytes, n);
                assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", prefix))
                        .as("%d of %d bytes", n, bytes.length)
                        .isInstanceOf(SerializationException.class);
            }
        }
    }

    @Test
    void aVersionOneRecordWrittenBeforeImagesIsStillRead() {
        // Version 1 is version 2 without the trailing image list (an empty list is one zero byte).
        for (Observation o : examples()) {
            if (!o.images().isEmpty()) {
                continue;
            }
            byte[] current = SERDE.serializer().serialize("t", o);
            assertThat(current[0]).isEqualTo((byte) 2);
            assertThat(current[current.length - 1]).isZero();
            byte[] old = Arrays.copyOf(current, current.length - 1);
            old[0] = 1;
            assertThat(SERDE.deserializer().deserialize("t", old)).isEqualTo(o);
        }
    }

    @Test
    void anotherVersionTrailingBytesAndAHugeLengthAreRefused() {
        byte[] bytes = SERDE.serializer().serialize("t", examples().get(0));
        byte[] other = bytes.clone();
        other[0] = 3;
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", other))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("version 3");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("after the end");
        // version, then a detector id claiming 2^62 bytes
        byte[] huge = {
            1,
            (byte) 0x81,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            0x40
        };
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", huge))
                .isInstanceOf(SerializationException.class);
        assertThat(SERDE.deserializer().deserialize("t", null)).isNull();
        assertThat(SERDE.serializer().serialize("t", null)).isNull();
    }

    @Test
    void enumOrdersArePinnedByTheVersion() {
        // The serde writes ordinals: reordering one of these enums needs a new ObservationSerde.VERSION.
        assertThat(Severity.values())
                .containsExactly(Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);
        assertThat(ActorType.values())
                .containsExactly(
                        ActorType.USER,
                        ActorType.SERVICEACCOUNT,
                        ActorType.NODE,
                        ActorType.ANONYMOUS,
                        ActorType.PROCESS);
        assertThat(ActorClass.values())
                .containsExactly(
                        ActorClass.PLATFORM,
                        ActorClass.ANONYMOUS,
                        ActorClass.ADMIN,
                        ActorClass.TENANT_MEMBER,
                        ActorClass.UNATTRIBUTED);
    }

    /**
     * What crosses a repartition topic per observation: the alert JSON the detection step used to
     * emit for the same event (AlertBuilder with the display-string details), against this serde.
     */
    @Test
    void theCompactFormIsAFractionOfTheAlertJson() {
        NormalizedEvent request = podRequest();
        NormalizedEvent falco = FalcoEvents.sensitiveFileRead("beta-prod", POD).normalized();
        NormalizedEvent denial = ForbiddenBurstTest.probe(Identities.ALPHA_DEPLOYER, AuditEvents.T0)
                .get(0);
        NormalizedEvent secretRead = AuditEvents.by(Identities.BOB)
                .get("secrets", "beta-prod", "payments-db")
                .normalized();
        int[] token = sizes(new TokenReuse(), request, b -> b.detail(TokenReuse.CREDENTIAL + CREDENTIAL));
        int[] runtime = sizes(new RuntimeThenApi(), falco, b -> b.falcoRule("Read sensitive file untrusted")
                .detail("pod: beta-prod/" + POD)
                .detail("priority: Warning"));
        int[] burst = sizes(new ForbiddenBurst(), denial, b -> b);
        int[] enumeration = sizes(new SecretEnumeration(), secretRead, b -> b);
        for (int[] s : List.of(token, runtime, burst, enumeration)) {
            assertThat(s[1] * 2).isLessThan(s[0]);
        }
        System.out.printf(
                "observation bytes, alert JSON -> compact: token-reuse %d -> %d, runtime-then-api (Falco) %d -> %d,"
                        + " forbidden-burst %d -> %d, secret-enumeration %d -> %d%n",
                token[0], token[1], runtime[0], runtime[1], burst[0], burst[1], enumeration[0], enumeration[1]);
    }

    private static int[] sizes(
            ObservingDetector detector, NormalizedEvent event, java.util.function.UnaryOperator<AlertBuilder> details) {
        EventContext context = new EventContext(event, TenancyFixtures.ATTRIBUTOR);
        Alert before = details.apply(AlertBuilder.of(detector.spec(), context)).build();
        List<Observation> after = new ArrayList<>();
        detector.observe(context, after::add);
        assertThat(after).hasSize(1);
        return new int[] {
            JsonSerde.alert().serializer().serialize("t", before).length,
            SERDE.serializer().serialize("t", after.get(0)).length
        };
    }
}
