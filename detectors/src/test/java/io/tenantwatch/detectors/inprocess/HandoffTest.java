package io.tenantwatch.detectors.inprocess;

import static io.tenantwatch.detectors.testing.AuditEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class HandoffTest {

    private final Handoff<EventBatch> handoff = new Handoff<>("batch");

    private final List<NormalizedEvent> events = List.of(
            AuditEvents.by(Identities.BOB).get("pods", "alpha", "web-0").at(T0).normalized(),
            FalcoEvents.terminalShell("alpha", "web-0").at(T0.plusSeconds(1)).normalized(),
            AuditEvents.by(Identities.ALPHA_DEPLOYER)
                    .list("secrets", "beta")
                    .at(T0.plusMillis(1500))
                    .normalized());

    @Test
    void aBatchArrivesAsTheSameEventsInOrderAndIsNotKeptAfterwards() {
        byte[] ticket = handoff.serializer().serialize("tw.normalized", new EventBatch(events));

        assertThat(ticket).hasSize(8);
        assertThat(handoff.waiting()).isOne();
        assertThat(handoff.deserializer().deserialize("tw.normalized", ticket).events())
                .containsExactlyElementsOf(events);
        assertThat(handoff.waiting()).isZero();
    }

    @Test
    void batchesAreReadByTheirOwnTicketsWhateverTheOrder() {
        byte[] first = handoff.serializer().serialize("tw.normalized", new EventBatch(events.subList(0, 1)));
        byte[] second = handoff.serializer().serialize("tw.normalized", new EventBatch(events.subList(1, 3)));

        assertThat(handoff.deserializer().deserialize("tw.normalized", second).events())
                .containsExactlyElementsOf(events.subList(1, 3));
        assertThat(handoff.deserializer().deserialize("tw.normalized", first).events())
                .containsExactlyElementsOf(events.subList(0, 1));
    }

    @Test
    void nullIsTheRecordThatOnlyMovesTimeOn() {
        assertThat(handoff.serializer().serialize("tw.normalized", null)).isNull();
        assertThat(handoff.deserializer().deserialize("tw.normalized", null)).isNull();
    }

    @Test
    void aTicketReadTwiceOrOfTheWrongSizeIsASerializationError() {
        byte[] ticket = handoff.serializer().serialize("tw.normalized", new EventBatch(events));
        handoff.deserializer().deserialize("tw.normalized", ticket);

        assertThatThrownBy(() -> handoff.deserializer().deserialize("tw.normalized", ticket))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no batch handed over");
        assertThatThrownBy(() -> handoff.deserializer().deserialize("tw.normalized", new byte[3]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a batch ticket");
    }
}
