package io.tenantwatch.schemas.codec;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The binary encoding of a {@link NormalizedEvent}, version 1: the layout in
 * {@code schemas/src/main/resources/schemas/normalized-event-binary.md}, where field order is the
 * contract. Written by hand, without reflection, because the JSON databind it replaces on
 * {@code tw.normalized} was half of the detection thread's time. Thread-safe and stateless.
 *
 * <p>Strings are written whole, without a per-record string table: on the bench's traffic they
 * are nine tenths of a record, but only 7% of their bytes repeat within one record (mostly the id,
 * which is also the auditId); repeats across records are what the producer's lz4 batches remove.
 */
public final class NormalizedEventCodec {

    /** The first byte of every binary record. JSON, the 0.1 encoding, starts with '{' instead. */
    public static final byte VERSION_1 = 0x01;

    /** Above the bench traffic's average record (580 bytes; 680 for a pod create), so most never grow. */
    private static final int INITIAL_CAPACITY = 1024;

    private NormalizedEventCodec() {}

    public static byte[] encode(NormalizedEvent e) {
        ByteWriter out = new ByteWriter(INITIAL_CAPACITY);
        out.u8(VERSION_1);
        out.string(e.id());
        out.string(e.source());
        out.string(e.cluster());
        out.string(e.clusterResourceId());
        writeInstant(out, e.time());
        out.string(e.auditId());
        out.string(e.stage());
        writeActor(out, e.actor());
        out.string(e.verb());
        writeResource(out, e.resource());
        out.string(e.requestURI());
        out.string(e.decision());
        writeCode(out, e.code());
        writeStrings(out, e.sourceIPs());
        out.string(e.userAgent());
        writeStringMap(out, e.annotations());
        FactsCodec.write(out, e.facts());
        writeFalco(out, e.falco());
        out.string(e.targetTenant());
        writeStrings(out, e.actorTenants());
        out.string(e.tenancySource());
        writeExtensions(out, e);
        return out.toByteArray();
    }

    /**
     * Reads one binary record. Anything but a complete version 1 record, with nothing after it, is
     * a {@link SerializationException}.
     */
    public static NormalizedEvent decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SerializationException("an empty NormalizedEvent record");
        }
        if (bytes[0] != VERSION_1) {
            throw new SerializationException(String.format(
                    "unknown NormalizedEvent encoding version 0x%02x (this reader knows binary 0x01)",
                    bytes[0] & 0xFF));
        }
        ByteReader in = new ByteReader(bytes, 1);
        try {
            NormalizedEvent event = readExtensions(in, readEvent(in));
            if (in.remaining() != 0) {
                throw in.corrupt(in.remaining() + " bytes after the event");
            }
            return event;
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            // A record constructor refusing what the bytes say (a null in a list): corrupt, too.
            throw new SerializationException("corrupt NormalizedEvent record at byte " + in.position(), e);
        }
    }

    private static NormalizedEvent readEvent(ByteReader in) {
        return new NormalizedEvent(
                in.string(),
                in.string(),
                in.string(),
                in.string(),
                readInstant(in),
                in.string(),
                in.string(),
                readActor(in),
                in.string(),
                readResource(in),
                in.string(),
                in.string(),
                readCode(in),
                readStrings(in),
                in.string(),
                readStringMap(in),
                FactsCodec.read(in),
                readFalco(in),
                in.string(),
                readStrings(in),
                in.string());
    }

    /**
     * Fields added after version 1, each length-prefixed so that an older reader can skip them
     * (normalized-event-binary.md, "Adding a field"). Extension 1: {@code facts.namespace.uid}.
     * Written only as far as the last one set, so most events still end with a count of 0.
     */
    private static void writeExtensions(ByteWriter out, NormalizedEvent e) {
        String namespaceUid =
                e.facts().namespace() == null ? null : e.facts().namespace().uid();
        if (namespaceUid == null) {
            out.uvarint(0);
            return;
        }
        out.uvarint(1);
        ByteWriter uid = new ByteWriter(namespaceUid.length() + 2);
        uid.string(namespaceUid);
        out.bytes(uid.toByteArray());
    }

    /** The extensions this reader knows, applied to {@code event}; later ones are skipped by length. */
    private static NormalizedEvent readExtensions(ByteReader in, NormalizedEvent event) {
        int n = in.count(1);
        NormalizedEvent out = event;
        for (int i = 1; i <= n; i++) {
            int length = in.count(1);
            if (i == 1 && event.facts().namespace() != null) {
                int end = in.position() + length;
                String uid = in.string();
                if (in.position() != end) {
                    throw in.corrupt("extension 1 (namespace uid) is not one string");
                }
                out = withNamespaceUid(event, uid);
            } else {
                in.skip(length);
            }
        }
        return out;
    }

    private static NormalizedEvent withNamespaceUid(NormalizedEvent e, String uid) {
        Facts f = e.facts();
        Facts facts = new Facts(
                f.podSpec(),
                f.rbac(),
                f.service(),
                f.configMap(),
                f.secret(),
                f.namespace().withUid(uid),
                f.networkPolicy(),
                f.ownerReferences());
        return new NormalizedEvent(
                e.id(),
                e.source(),
                e.cluster(),
                e.clusterResourceId(),
                e.time(),
                e.auditId(),
                e.stage(),
                e.actor(),
                e.verb(),
                e.resource(),
                e.requestURI(),
                e.decision(),
                e.code(),
                e.sourceIPs(),
                e.userAgent(),
                e.annotations(),
                facts,
                e.falco(),
                e.targetTenant(),
                e.actorTenants(),
                e.tenancySource());
    }

    private static void writeInstant(ByteWriter out, Instant t) {
        if (t == null) {
            out.u8(0);
            return;
        }
        out.u8(1);
        out.svarint(t.getEpochSecond());
        out.uvarint(t.getNano());
    }

    private static Instant readInstant(ByteReader in) {
        if (!in.present()) {
            return null;
        }
        long seconds = in.svarint();
        long nanos = in.uvarint();
        if (nanos > 999_999_999L) {
            throw in.corrupt("nanoseconds " + nanos);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static void writeCode(ByteWriter out, Integer code) {
        if (code == null) {
            out.u8(0);
            return;
        }
        out.u8(1);
        out.svarint(code);
    }

    private static Integer readCode(ByteReader in) {
        return in.present() ? in.svarint32() : null;
    }

    private static void writeActor(ByteWriter out, Actor a) {
        if (a == null) {
            out.u8(0);
            return;
        }
        out.u8(1);
        out.string(a.username());
        out.string(a.uid());
        writeStrings(out, a.groups());
        out.string(a.extraOid());
        out.u8(Enums.code(a.actorClass()));
        out.u8(Enums.code(a.type()));
        out.string(a.serviceAccountNamespace());
        out.string(a.podName());
        out.string(a.credentialId());
        out.string(a.impersonatedBy());
    }

    private static Actor readActor(ByteReader in) {
        if (!in.present()) {
            return null;
        }
        String username = in.string();
        String uid = in.string();
        List<String> groups = readStrings(in);
        String extraOid = in.string();
        ActorClass actorClass = Enums.actorClass(in);
        ActorType type = Enums.actorType(in);
        return new Actor(
                username, uid, groups, extraOid, actorClass, type, in.string(), in.string(), in.string(), in.string());
    }

    private static void writeResource(ByteWriter out, ResourceRef r) {
        if (r == null) {
            out.u8(0);
            return;
        }
        out.u8(1);
        out.string(r.apiGroup());
        out.string(r.resource());
        out.string(r.subresource());
        out.string(r.namespace());
        out.string(r.name());
    }

    private static ResourceRef readResource(ByteReader in) {
        if (!in.present()) {
            return null;
        }
        return new ResourceRef(in.string(), in.string(), in.string(), in.string(), in.string());
    }

    private static void writeFalco(ByteWriter out, FalcoFacts f) {
        if (f == null) {
            out.u8(0);
            return;
        }
        out.u8(1);
        out.string(f.rule());
        out.string(f.priority());
        writeStrings(out, f.tags());
        out.string(f.hostname());
        out.string(f.uuid());
        FalcoValues.writeMap(out, f.fields(), 0);
    }

    private static FalcoFacts readFalco(ByteReader in) {
        if (!in.present()) {
            return null;
        }
        return new FalcoFacts(
                in.string(), in.string(), readStrings(in), in.string(), in.string(), FalcoValues.readMap(in, 0));
    }

    static void writeStrings(ByteWriter out, List<String> list) {
        out.uvarint(list.size());
        for (String s : list) {
            out.string(s);
        }
    }

    static List<String> readStrings(ByteReader in) {
        int n = in.count(1);
        if (n == 0) {
            return List.of();
        }
        String[] items = new String[n];
        for (int i = 0; i < n; i++) {
            items[i] = in.string();
        }
        // List.of refuses nulls, which the layout never writes in a list: a corrupt record.
        return List.of(items);
    }

    static void writeStringMap(ByteWriter out, Map<String, String> map) {
        out.uvarint(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            out.string(e.getKey());
            out.string(e.getValue());
        }
    }

    static Map<String, String> readStringMap(ByteReader in) {
        int n = in.count(2);
        if (n == 0) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] entries = new Map.Entry[n];
        for (int i = 0; i < n; i++) {
            entries[i] = Map.entry(in.nonNullString(), in.nonNullString());
        }
        // Immutable already, so the record's Map.copyOf keeps it; a duplicate key throws, and decode
        // reports the record as corrupt.
        return Map.ofEntries(entries);
    }

    /** A list of records, each written by {@code write}; each is at least one byte. */
    static <T> void writeList(ByteWriter out, List<T> list, BiConsumer<ByteWriter, T> write) {
        out.uvarint(list.size());
        for (T item : list) {
            write.accept(out, item);
        }
    }

    static <T> List<T> readList(ByteReader in, Function<ByteReader, T> read) {
        int n = in.count(1);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(read.apply(in));
        }
        return out;
    }
}
