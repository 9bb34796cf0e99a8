package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link Observation} on group F's repartition topics and in its stores: a version byte, then
 * every field in declaration order ({@link CompactWriter}'s varints and UTF-8 strings). About a
 * third of the observation as alert JSON: no field names, no display strings, no fields the
 * stateful part never reads.
 *
 * <p>The event id is usually the audit id (audit events) or the Falco uuid, and is then written as
 * a reference to that field. A change of layout takes a new {@link #VERSION}. A field added at the
 * end keeps the older versions readable (version 1 had no images: read as none), so an upgrade
 * finds the records already in repartition topics and changelogs usable; an enum reordered or a
 * field removed would not, and takes a reset of the internal topics and stores.
 */
public final class ObservationSerde implements Serde<Observation> {

    static final int VERSION = 2;

    /** The oldest layout still read: version 1, before {@code images}. */
    static final int OLDEST = 1;

    /** The event id's encoding: null, equal to the audit id, equal to the Falco uuid, else its own. */
    private static final int ID_NULL = 0;

    private static final int ID_AUDIT = 1;
    private static final int ID_FALCO = 2;
    private static final int ID_OWN = 3;

    static final Severity[] SEVERITIES = Severity.values();
    private static final ActorType[] ACTOR_TYPES = ActorType.values();
    private static final ActorClass[] ACTOR_CLASSES = ActorClass.values();

    private static final CompactSerde<Observation> SERDE =
            new CompactSerde<>("observation", VERSION, OLDEST, 256, ObservationSerde::write, ObservationSerde::read);

    @Override
    public Serializer<Observation> serializer() {
        return SERDE.serializer();
    }

    @Override
    public Deserializer<Observation> deserializer() {
        return SERDE.deserializer();
    }

    /** One observation without the version byte, for the stores that keep several in one value. */
    static void write(CompactWriter out, Observation o) {
        out.writeString(o.detector());
        Instant time = o.time();
        out.writeBoolean(time != null);
        if (time != null) {
            out.writeSignedVarLong(time.getEpochSecond()).writeVarLong(time.getNano());
        }
        out.writeString(o.cluster())
                .writeString(o.source())
                .writeEnum(o.severity())
                .writeString(o.auditId())
                .writeString(o.falcoUuid());
        if (o.eventId() == null) {
            out.writeByte(ID_NULL);
        } else if (o.eventId().equals(o.auditId())) {
            out.writeByte(ID_AUDIT);
        } else if (o.eventId().equals(o.falcoUuid())) {
            out.writeByte(ID_FALCO);
        } else {
            out.writeByte(ID_OWN).writeString(o.eventId());
        }
        writeActor(out, o.actor());
        out.writeStrings(o.actorTenants()).writeString(o.verb());
        Alert.AlertResource resource = o.resource();
        out.writeBoolean(resource != null);
        if (resource != null) {
            out.writeString(resource.apiGroup())
                    .writeString(resource.resource())
                    .writeString(resource.subresource())
                    .writeString(resource.name());
        }
        out.writeString(o.namespace())
                .writeString(o.tenant())
                .writeStrings(o.sourceIPs())
                .writeString(o.userAgent())
                .writeString(o.requestURI())
                .writeString(o.credentialId())
                .writeString(o.pod())
                .writeString(o.falcoRule())
                .writeString(o.falcoPriority())
                .writeStrings(o.images());
    }

    static Observation read(CompactReader in) {
        String detector = in.readString();
        Instant time = in.readBoolean() ? Instant.ofEpochSecond(in.readSignedVarLong(), nanos(in)) : null;
        String cluster = in.readString();
        String source = in.readString();
        Severity severity = in.readEnum(SEVERITIES);
        String auditId = in.readString();
        String falcoUuid = in.readString();
        String eventId =
                switch (in.readByte()) {
                    case ID_NULL -> null;
                    case ID_AUDIT -> auditId;
                    case ID_FALCO -> falcoUuid;
                    case ID_OWN -> in.readString();
                    default -> throw in.corrupt("an unknown event id encoding");
                };
        Alert.AlertActor actor = readActor(in);
        var actorTenants = in.readStrings();
        String verb = in.readString();
        Alert.AlertResource resource = in.readBoolean()
                ? new Alert.AlertResource(in.readString(), in.readString(), in.readString(), in.readString())
                : null;
        String namespace = in.readString();
        String tenant = in.readString();
        var sourceIPs = in.readStrings();
        String userAgent = in.readString();
        String requestURI = in.readString();
        String credentialId = in.readString();
        String pod = in.readString();
        String falcoRule = in.readString();
        String falcoPriority = in.readString();
        var images = in.version() >= 2 ? in.readStrings() : List.<String>of();
        return new Observation(
                detector,
                eventId,
                time,
                cluster,
                source,
                severity,
                actor,
                actorTenants,
                verb,
                resource,
                namespace,
                tenant,
                auditId,
                sourceIPs,
                userAgent,
                requestURI,
                credentialId,
                pod,
                falcoRule,
                falcoUuid,
                falcoPriority,
                images);
    }

    /** An alert's actor, or null: the stores that keep one actor per entry write it the same way. */
    static void writeActor(CompactWriter out, Alert.AlertActor actor) {
        out.writeBoolean(actor != null);
        if (actor != null) {
            out.writeString(actor.username())
                    .writeEnum(actor.type())
                    .writeEnum(actor.actorClass())
                    .writeStrings(actor.groups())
                    .writeString(actor.impersonatedBy())
                    .writeString(actor.podName());
        }
    }

    static Alert.AlertActor readActor(CompactReader in) {
        return in.readBoolean()
                ? new Alert.AlertActor(
                        in.readString(),
                        in.readEnum(ACTOR_TYPES),
                        in.readEnum(ACTOR_CLASSES),
                        in.readStrings(),
                        in.readString(),
                        in.readString())
                : null;
    }

    private static int nanos(CompactReader in) {
        long nanos = in.readVarLong();
        if (nanos < 0 || nanos > 999_999_999) {
            throw in.corrupt("nanoseconds of " + nanos);
        }
        return (int) nanos;
    }
}
