package io.tenantwatch.detectors.stateful;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;

/**
 * The values of group F's own stores in {@link CompactWriter}'s encoding. A window store entry is
 * rewritten, and its changelog record produced, for every observation the window counts, so its
 * size is paid per event, not per window; the same encoding as {@link ObservationSerde}, the
 * version byte of each value bumped when its layout changes.
 */
final class StateSerdes {

    private StateSerdes() {}

    static Serde<ActorWindow> actorWindow() {
        return new CompactSerde<>("actor window", 1, 256, StateSerdes::writeWindow, StateSerdes::readWindow);
    }

    static Serde<SequenceStart.AtTime> sequenceStarts() {
        return new CompactSerde<>(
                "sequence starts",
                1,
                128,
                (out, starts) -> {
                    out.writeVarLong(starts.items().size());
                    starts.items().forEach(start -> writeStart(out, start));
                },
                in -> {
                    int n = in.readCount();
                    List<SequenceStart> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        items.add(readStart(in));
                    }
                    return new SequenceStart.AtTime(items);
                });
    }

    static Serde<SequenceStart.FollowUps> followUps() {
        return observations("sequence follow-ups", SequenceStart.FollowUps::items, SequenceStart.FollowUps::new);
    }

    /** The Falco alerts of one pod that the runtime join keeps. */
    static Serde<List<Observation>> podAlerts() {
        return observations("pod alerts", items -> items, items -> items);
    }

    /** A list of observations, in {@link ObservationSerde}'s encoding and versions. */
    private static <T> Serde<T> observations(
            String what, Function<T, List<Observation>> items, Function<List<Observation>, T> of) {
        return new CompactSerde<>(
                what,
                ObservationSerde.VERSION,
                ObservationSerde.OLDEST,
                256,
                (out, value) -> {
                    List<Observation> list = items.apply(value);
                    out.writeVarLong(list.size());
                    list.forEach(o -> ObservationSerde.write(out, o));
                },
                in -> {
                    int n = in.readCount();
                    List<Observation> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(ObservationSerde.read(in));
                    }
                    return of.apply(list);
                });
    }

    static Serde<WorkloadImages> workloadImages() {
        return new CompactSerde<>(
                "workload images",
                1,
                64,
                (out, w) -> out.writeSignedVarLong(w.lastWritten()).writeStrings(w.images()),
                in -> new WorkloadImages(in.readSignedVarLong(), in.readStrings()));
    }

    static Serde<CredentialUses> credentialUses() {
        return new CompactSerde<>(
                "credential uses",
                1,
                128,
                (out, uses) -> out.writeSignedVarLong(uses.firstSeen())
                        .writeSignedVarLong(uses.lastSeen())
                        .writeString(uses.firstAuditId())
                        .writeStrings(uses.pods())
                        .writeStrings(uses.sourceIPs())
                        .writeBoolean(uses.podsRaised())
                        .writeBoolean(uses.outsideRaised()),
                in -> new CredentialUses(
                        in.readSignedVarLong(),
                        in.readSignedVarLong(),
                        in.readString(),
                        in.readStrings(),
                        in.readStrings(),
                        in.readBoolean(),
                        in.readBoolean()));
    }

    private static void writeWindow(CompactWriter out, ActorWindow w) {
        out.writeSignedVarLong(w.start())
                .writeSignedVarLong(w.firstSeen())
                .writeSignedVarLong(w.lastSeen())
                .writeVarLong(w.count())
                .writeString(w.cluster());
        ObservationSerde.writeActor(out, w.actor());
        out.writeStrings(w.actorTenants())
                .writeEnum(w.severity())
                .writeString(w.namespace())
                .writeString(w.tenant())
                .writeBoolean(w.spread())
                .writeString(w.userAgent())
                .writeStrings(w.auditIds())
                .writeStrings(w.sourceIPs())
                .writeStrings(w.first())
                .writeStrings(w.second());
    }

    private static ActorWindow readWindow(CompactReader in) {
        return new ActorWindow(
                in.readSignedVarLong(),
                in.readSignedVarLong(),
                in.readSignedVarLong(),
                in.readVarLong(),
                in.readString(),
                ObservationSerde.readActor(in),
                in.readStrings(),
                in.readEnum(ObservationSerde.SEVERITIES),
                in.readString(),
                in.readString(),
                in.readBoolean(),
                in.readString(),
                in.readStrings(),
                in.readStrings(),
                in.readStrings(),
                in.readStrings());
    }

    private static void writeStart(CompactWriter out, SequenceStart start) {
        out.writeString(start.auditId())
                .writeSignedVarLong(start.time())
                .writeString(start.request())
                .writeStrings(start.detectors())
                .writeBoolean(start.matched());
    }

    private static SequenceStart readStart(CompactReader in) {
        return new SequenceStart(
                in.readString(), in.readSignedVarLong(), in.readString(), in.readStrings(), in.readBoolean());
    }
}
