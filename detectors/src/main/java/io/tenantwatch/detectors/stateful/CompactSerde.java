package io.tenantwatch.detectors.stateful;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde in {@link CompactWriter}'s encoding: a version byte, then what {@code write} writes.
 * It writes its current version and reads that and any older one down to {@code oldest} (so a
 * field added at the end keeps the records already in stores and changelogs readable; the reader
 * asks {@link CompactReader#version()}). A record of any other version, cut short or with bytes
 * left over is a {@link SerializationException}.
 */
final class CompactSerde<T> implements Serde<T> {

    private final String what;
    private final int version;
    private final int oldest;
    private final int expectedSize;
    private final BiConsumer<CompactWriter, T> write;
    private final Function<CompactReader, T> read;

    CompactSerde(
            String what,
            int version,
            int expectedSize,
            BiConsumer<CompactWriter, T> write,
            Function<CompactReader, T> read) {
        this(what, version, version, expectedSize, write, read);
    }

    CompactSerde(
            String what,
            int version,
            int oldest,
            int expectedSize,
            BiConsumer<CompactWriter, T> write,
            Function<CompactReader, T> read) {
        this.what = what;
        this.version = version;
        this.oldest = oldest;
        this.expectedSize = expectedSize;
        this.write = write;
        this.read = read;
    }

    byte[] toBytes(T value) {
        CompactWriter out = new CompactWriter(expectedSize).writeByte(version);
        write.accept(out, value);
        return out.toByteArray();
    }

    T fromBytes(byte[] bytes) {
        CompactReader in = new CompactReader(bytes, what);
        int found = in.readByte();
        if (found > version || found < oldest) {
            throw new SerializationException(what + ": version " + found + ", expected " + expectedVersions());
        }
        in.version(found);
        T value = read.apply(in);
        in.end();
        return value;
    }

    private String expectedVersions() {
        return oldest == version ? String.valueOf(version) : oldest + " to " + version;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }
}
