package io.tenantwatch.detectors.inprocess;

import static io.tenantwatch.detectors.testing.AuditEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class EventBatchTest {

    private final Serde<EventBatch> serde = EventBatch.serde();

    @Test
    void aBatchOfAuditAndFalcoEventsComesBackEqualAndInOrder() {
        List<NormalizedEvent> events = List.of(
                AuditEvents.by(Identities.BOB)
                        .get("pods", "alpha", "web-0")
                        .at(T0)
                        .normalized(),
                FalcoEvents.terminalShell("alpha", "web-0")
                        .at(T0.plusSeconds(1))
                        .normalized(),
                AuditEvents.by(Identities.ALPHA_DEPLOYER)
                        .list("secrets", "beta")
                        .at(T0.plusMillis(1500))
                        .normalized());

        byte[] bytes = serde.serializer().serialize("tw.normalized", new EventBatch(events));

        assertThat(serde.deserializer().deserialize("tw.normalized", bytes).events())
                .isEqualTo(events);
    }

    @Test
    void nullIsTheRecordThatOnlyMovesTimeOn() {
        assertThat(serde.serializer().serialize("tw.normalized", null)).isNull();
        assertThat(serde.deserializer().deserialize("tw.normalized", null)).isNull();
    }

    @Test
    void aTruncatedOrPaddedBatchIsASerializationError() {
        byte[] bytes = serde.serializer()
                .serialize(
                        "tw.normalized",
                        new EventBatch(List.of(AuditEvents.by(Identities.BOB)
                                .get("pods", "alpha", "web-0")
                                .at(T0)
                                .normalized())));

        assertThatThrownBy(
                        () -> serde.deserializer().deserialize("tw.normalized", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(
                        () -> serde.deserializer().deserialize("tw.normalized", Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("after a batch");
    }
}
