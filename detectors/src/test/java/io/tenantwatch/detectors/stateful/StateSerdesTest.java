package io.tenantwatch.detectors.stateful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.TenancyFixtures;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.PodSpecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The compact values of group F's stores: what goes in comes out, and what is cut short is refused. */
class StateSerdesTest {

    private static Observation workload() {
        List<Observation> out = new ArrayList<>();
        new RbacThenWorkload()
                .observe(
                        new EventContext(
                                AuditEvents.by(Identities.ALICE)
                                        .create("pods", "alpha-prod", "debug")
                                        .podSpec(PodSpecs.privileged(null, "debug"))
                                        .normalized(),
                                TenancyFixtures.ATTRIBUTOR),
                        out::add);
        return out.get(0);
    }

    private static ActorWindow window() {
        ForbiddenBurst burst = new ForbiddenBurst();
        ActorWindow w = null;
        for (var event : ForbiddenBurstTest.probe(Identities.ALPHA_DEPLOYER, AuditEvents.T0)) {
            List<Observation> out = new ArrayList<>();
            burst.observe(new EventContext(event, TenancyFixtures.ATTRIBUTOR), out::add);
            for (Observation o : out) {
                long t = o.time().toEpochMilli();
                w = w == null ? ActorWindow.open(t - 1000, t, o, burst) : w.add(t, o, burst);
            }
        }
        return w;
    }

    private static <T> void roundTripsAndRefusesTruncation(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("t", value);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(value);
        for (int n = 0; n < bytes.length; n++) {
            byte[] prefix = Arrays.copyOf(bytes, n);
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", prefix))
                    .as("%d of %d bytes", n, bytes.length)
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void anActorWindow() {
        ActorWindow w = window();
        assertThat(w.count()).isEqualTo(12);
        assertThat(w.severity()).isEqualTo(Severity.MEDIUM);
        roundTripsAndRefusesTruncation(StateSerdes.actorWindow(), w);
        int json = new JsonSerde<>(ActorWindow.class).serializer().serialize("t", w).length;
        int compact = StateSerdes.actorWindow().serializer().serialize("t", w).length;
        System.out.println("actor window of 12 denials: JSON " + json + " bytes, compact " + compact + " bytes");
        assertThat(compact).isLessThan(json);
    }

    @Test
    void sequenceStartsAndFollowUps() {
        SequenceStart start = new SequenceStart(
                        "a1b2",
                        1_715_677_860_000L,
                        "created clusterrolebindings/x in cluster scope",
                        List.of("d"),
                        false)
                .raisedAlso("cross-tenant-binding")
                .completed();
        roundTripsAndRefusesTruncation(
                StateSerdes.sequenceStarts(),
                new SequenceStart.AtTime(List.of(start, new SequenceStart(null, -5, null, List.of(), false))));
        roundTripsAndRefusesTruncation(StateSerdes.sequenceStarts(), new SequenceStart.AtTime(List.of()));
        SequenceStart.FollowUps one = new SequenceStart.FollowUps(List.of(workload()));
        roundTripsAndRefusesTruncation(StateSerdes.followUps(), one);
        roundTripsAndRefusesTruncation(
                StateSerdes.followUps(), new SequenceStart.FollowUps(List.of(workload(), workload())));
        roundTripsAndRefusesTruncation(StateSerdes.podAlerts(), List.of(workload(), workload()));
        roundTripsAndRefusesTruncation(StateSerdes.podAlerts(), List.of());
        System.out.println("one workload write in the follow-ups store: compact "
                + StateSerdes.followUps().serializer().serialize("t", one).length + " bytes");
    }

    @Test
    void credentialUses() {
        CredentialUses uses = CredentialUses.first(10, "audit-1")
                .seen(20, "pod-a", "10.244.1.2")
                .seen(30, "pod-b", null)
                .raisedPods();
        roundTripsAndRefusesTruncation(StateSerdes.credentialUses(), uses);
        roundTripsAndRefusesTruncation(StateSerdes.credentialUses(), CredentialUses.first(0, null));
    }

    @Test
    void workloadImages() {
        // What a restart restores from the changelog: the images of each workload and when they were written.
        roundTripsAndRefusesTruncation(
                StateSerdes.workloadImages(),
                new WorkloadImages(
                        1_715_677_200_000L,
                        List.of("contoso.azurecr.io/alpha/web:1.4.2", "docker.io/alpine/socat:1.7.4.4")));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add("registry.example/app-" + i + ":1");
        }
        assertThat(new WorkloadImages(0, many).images()).hasSize(WorkloadImages.KEPT);
    }
}
