package io.tenantwatch.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.JsonSerde;
import io.tenantwatch.schemas.NormalizedEvent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class NormalizedEventCodecTest {

    private final Serializer<NormalizedEvent> serializer = new NormalizedEventSerde().serializer();
    private final Deserializer<NormalizedEvent> deserializer = new NormalizedEventSerde().deserializer();

    @Test
    void everySampleRoundTripsToAnEqualEvent() {
        for (NormalizedEvent event : SampleEvents.all()) {
            byte[] bytes = NormalizedEventCodec.encode(event);
            assertThat(bytes[0]).isEqualTo(NormalizedEventCodec.VERSION_1);
            assertThat(NormalizedEventCodec.decode(bytes)).as(event.id()).isEqualTo(event);
            assertThat(deserializer.deserialize("t", serializer.serialize("t", event)))
                    .isEqualTo(event);
        }
    }

    @Test
    void falcoFieldsKeepTheirJavaTypesAndOrder() {
        NormalizedEvent event = SampleEvents.falco();
        Map<String, Object> fields = NormalizedEventCodec.decode(NormalizedEventCodec.encode(event))
                .falco()
                .fields();
        assertThat(fields.keySet())
                .containsExactlyElementsOf(event.falco().fields().keySet());
        assertThat(fields.get("evt.time")).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(fields.get("small")).isInstanceOf(Integer.class);
        assertThat(fields.get("float")).isInstanceOf(Float.class);
        assertThat(fields.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(fields).containsEntry("k8s.pod.name", null);
        assertThat(fields.get("proc.aname")).isEqualTo(Arrays.asList("sh", null, "containerd-shim", 3L));
    }

    @Test
    void theBinaryRecordIsMuchSmallerThanJson() {
        JsonSerde<NormalizedEvent> json = JsonSerde.normalizedEvent();
        for (NormalizedEvent event : List.of(SampleEvents.podCreate(), SampleEvents.falco())) {
            int binary = NormalizedEventCodec.encode(event).length;
            int text = json.serializer().serialize("t", event).length;
            assertThat(binary).as(event.id()).isLessThan(text * 2 / 3);
        }
    }

    @Test
    void jsonRecordsOf01AreStillRead() {
        JsonSerde<NormalizedEvent> json = JsonSerde.normalizedEvent();
        for (NormalizedEvent event : List.of(
                SampleEvents.podCreate(),
                SampleEvents.roleBinding(),
                SampleEvents.otherFacts(),
                SampleEvents.attributed(),
                SampleEvents.unicode())) {
            byte[] bytes = json.serializer().serialize("t", event);
            assertThat(deserializer.deserialize("t", bytes)).isEqualTo(event);
        }
        String padded = "\uFEFF \n"
                + new String(json.serializer().serialize("t", SampleEvents.podCreate()), StandardCharsets.UTF_8);
        assertThat(deserializer.deserialize("t", padded.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SampleEvents.podCreate());
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void anUnknownVersionByteIsNamed() {
        byte[] bytes = NormalizedEventCodec.encode(SampleEvents.podCreate());
        bytes[0] = 0x02;
        assertThatThrownBy(() -> deserializer.deserialize("tw.normalized", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown NormalizedEvent encoding version 0x02")
                .hasMessageContaining("tw.normalized");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {(byte) 0xFF}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("version 0xff");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[0])).isInstanceOf(SerializationException.class);
    }

    @Test
    void everyTruncationIsASerializationException() {
        for (NormalizedEvent event : SampleEvents.all()) {
            byte[] bytes = NormalizedEventCodec.encode(event);
            for (int n = 0; n < bytes.length; n++) {
                byte[] cut = Arrays.copyOf(bytes, n);
                assertThatThrownBy(() -> deserializer.deserialize("t", cut))
                        .as("%s cut to %d of %d bytes", event.id(), n, bytes.length)
                        .isInstanceOf(SerializationException.class);
            }
        }
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] bytes = NormalizedEventCodec.encode(SampleEvents.roleBinding());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> NormalizedEventCodec.decode(longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("after the event");
    }

    @Test
    void extensionsOfALaterWriterAreSkipped() {
        NormalizedEvent event = SampleEvents.falco();
        byte[] bytes = NormalizedEventCodec.encode(event);
        // A later writer's two appended fields: the count replaces v1's 0, then each one by length.
        byte[] later = Arrays.copyOf(bytes, bytes.length + 6);
        int at = bytes.length - 1;
        byte[] tail = {2, 2, 0x05, 0x06, 1, 0x07, 0};
        System.arraycopy(tail, 0, later, at, tail.length - 1);
        byte[] exact = Arrays.copyOf(later, at + tail.length - 1);
        assertThat(NormalizedEventCodec.decode(exact)).isEqualTo(event);
    }

    @Test
    void aNamespaceUidIsExtensionOneAndAnOlderWritersRecordHasNone() {
        NormalizedEvent event = SampleEvents.namespaceDelete();
        byte[] bytes = NormalizedEventCodec.encode(event);
        assertThat(NormalizedEventCodec.decode(bytes).facts().namespace().uid())
                .isEqualTo("0f6a3c52-9b1e-4d7a-8c2f-5e4b3a2d1c09");

        // What a writer before the uid wrote: the same event, ending with a count of 0.
        byte[] withoutUid = NormalizedEventCodec.encode(new NormalizedEvent(
                event.id(),
                event.source(),
                event.cluster(),
                event.clusterResourceId(),
                event.time(),
                event.auditId(),
                event.stage(),
                event.actor(),
                event.verb(),
                event.resource(),
                event.requestURI(),
                event.decision(),
                event.code(),
                event.sourceIPs(),
                event.userAgent(),
                event.annotations(),
                new Facts(
                        null, null, null, null, null, event.facts().namespace().withUid(null), null, List.of()),
                null,
                null,
                null,
                null));
        assertThat(withoutUid[withoutUid.length - 1]).isZero();
        assertThat(NormalizedEventCodec.decode(withoutUid).facts().namespace())
                .isEqualTo(event.facts().namespace().withUid(null));
    }

    @Test
    void hugeLengthsAndCountsFailWithoutAllocating() {
        // Version, then an id whose length varint claims 2^35 bytes.
        byte[] hugeString = {0x01, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x7F};
        assertThatThrownBy(() -> NormalizedEventCodec.decode(hugeString))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("string of");
        byte[] endlessVarint = new byte[64];
        Arrays.fill(endlessVarint, (byte) 0xFF);
        endlessVarint[0] = 0x01;
        assertThatThrownBy(() -> NormalizedEventCodec.decode(endlessVarint))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("varint");
    }

    @Test
    void randomGarbageNeverEscapesAsAnotherException() {
        Random random = new Random(42);
        List<byte[]> seeds =
                SampleEvents.all().stream().map(NormalizedEventCodec::encode).toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = seeds.get(i % seeds.size()).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                bytes[1 + random.nextInt(bytes.length - 1)] = (byte) random.nextInt(256);
            }
            try {
                NormalizedEventCodec.decode(bytes);
            } catch (SerializationException expected) {
                // garbage may also decode to some other event: only a foreign exception is a bug
            }
        }
    }

    @Test
    void aValueWithNoEncodingIsRefusedOnWrite() {
        NormalizedEvent event = SampleEvents.falco();
        NormalizedEvent odd = new NormalizedEvent(
                event.id(),
                event.source(),
                event.cluster(),
                null,
                event.time(),
                null,
                null,
                event.actor(),
                null,
                event.resource(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new io.tenantwatch.schemas.FalcoFacts(
                        "r", "p", List.of(), "h", "u", Map.of("when", java.time.Duration.ofSeconds(1))),
                null,
                null,
                null);
        assertThatThrownBy(() -> serializer.serialize("t", odd))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.time.Duration");
    }
}
