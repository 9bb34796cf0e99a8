package io.tenantwatch.app.bench.traffic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.tenantwatch.schemas.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded, endless stream of realistic traffic of one simulated AKS cluster ({@link ClusterModel}):
 * benign activity at the mix a real cluster has ({@link BenignActivity}), attack traces at a known
 * rate ({@link AttackTraces}) and Falco runtime alerts ({@link FalcoAlerts}), as audit Event lines or
 * AKS Event Hubs bodies. The same spec gives the same bytes. Used by {@code tenantwatch bench} as
 * load and by the noise-budget test as benign traffic. Not thread-safe.
 */
public final class TrafficGenerator implements Iterator<TrafficRecord> {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final TrafficSpec spec;
    private final ClusterModel model;
    private final SplittableRandom random;
    private final JsonFactory json = Json.mapper().getFactory();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(4096);
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final BenignActivity benign;
    private final AttackTraces attacks;
    private final FalcoAlerts falco;
    private final AksEnvelopes envelopes;
    private long micros;
    private long events;
    private long attackEvents;
    private long falcoEvents;
    private long formattedSecond = Long.MIN_VALUE;
    private String secondPrefix;

    private record Pending(byte[] json, boolean falco, TrafficRecord.Event event) {}

    public TrafficGenerator(TrafficSpec spec) {
        this(spec, new ClusterModel(spec));
    }

    public TrafficGenerator(TrafficSpec spec, ClusterModel model) {
        this.spec = spec;
        this.model = model;
        this.random = new SplittableRandom(spec.seed());
        this.micros = spec.start().getEpochSecond() * 1_000_000L + spec.start().getNano() / 1_000;
        this.benign = new BenignActivity(this);
        this.attacks = new AttackTraces(this);
        this.falco = new FalcoAlerts(this);
        this.envelopes = new AksEnvelopes(json, random);
    }

    public ClusterModel model() {
        return model;
    }

    public TrafficSpec spec() {
        return spec;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public TrafficRecord next() {
        refill();
        if (spec.format() == TrafficSpec.Format.AUDIT || queue.peek().falco()) {
            Pending p = queue.poll();
            return new TrafficRecord(p.json(), p.falco(), List.of(p.event()));
        }
        List<byte[]> logs = new ArrayList<>(TrafficSpec.RECORDS_PER_ENVELOPE);
        List<TrafficRecord.Event> events = new ArrayList<>(TrafficSpec.RECORDS_PER_ENVELOPE);
        while (logs.size() < TrafficSpec.RECORDS_PER_ENVELOPE) {
            refill();
            if (queue.peek().falco()) {
                break;
            }
            Pending p = queue.poll();
            logs.add(p.json());
            events.add(p.event());
        }
        return new TrafficRecord(envelopes.envelope(logs, timestamp()), false, List.copyOf(events));
    }

    /** The next activity, trace or alert, when nothing is queued. */
    private void refill() {
        if (!queue.isEmpty()) {
            return;
        }
        // Credit scheduling: alerts and attacks come exactly at their share of events, evenly spread.
        if (falcoEvents < spec.falcoRate() * (events + 1)) {
            falco.next();
        } else if (attackEvents < spec.attackRate() * (events + 1)) {
            attacks.next();
        } else {
            benign.next();
        }
    }

    // --- for the activities ---------------------------------------------------------------------

    SplittableRandom random() {
        return random;
    }

    /** A request received now (the clock moves on) that took a few milliseconds. */
    AuditEvent request(String uri, String verb) {
        tick();
        String received = stamp(micros);
        String completed = stamp(micros + 200 + random.nextInt(30_000));
        return new AuditEvent(ClusterModel.uuid(random), uri, verb).at(received, completed);
    }

    /** A request on a resource; {@code uri} null means the object's (or collection's) plain path. */
    AuditEvent request(Api.Res r, String verb, String namespace, String name, String subresource, String uri) {
        AuditEvent e = request(uri != null ? uri : Api.path(r, namespace, name, subresource), verb)
                .object(r.name(), namespace, name, r.group(), r.version());
        e.subresource = subresource;
        return e;
    }

    /** Moves the clock on by one event's gap (exponential, at the cluster's rate). */
    void tick() {
        micros += Math.max(1, (long) (-Math.log(1 - random.nextDouble()) * 1_000_000 / spec.clusterRate()));
    }

    /** The current event time, RFC 3339 with microseconds as the API server writes it. */
    String timestamp() {
        return stamp(micros);
    }

    String uuid() {
        return ClusterModel.uuid(random);
    }

    void emit(AuditEvent event) {
        events++;
        queue.add(new Pending(write(event::write), false, new TrafficRecord.Event(event.auditId, false, null)));
    }

    /** An event of an attack trace; {@code expected} is the detector that must name it, or null. */
    void emitAttack(AuditEvent event, String expected) {
        events++;
        attackEvents++;
        queue.add(new Pending(write(event::write), false, new TrafficRecord.Event(event.auditId, true, expected)));
    }

    void emitFalco(byte[] alert, String uuid, String expected) {
        events++;
        falcoEvents++;
        queue.add(new Pending(alert, true, new TrafficRecord.Event(uuid, true, expected)));
    }

    byte[] write(AuditEvent.Body body) {
        buffer.reset();
        try (JsonGenerator g = json.createGenerator(buffer, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    private String stamp(long epochMicros) {
        long second = Math.floorDiv(epochMicros, 1_000_000L);
        if (second != formattedSecond) {
            formattedSecond = second;
            secondPrefix = SECONDS.format(Instant.ofEpochSecond(second));
        }
        int fraction = (int) Math.floorMod(epochMicros, 1_000_000L);
        StringBuilder out = new StringBuilder(27).append(secondPrefix).append('.');
        String digits = Integer.toString(fraction);
        for (int i = digits.length(); i < 6; i++) {
            out.append('0');
        }
        return out.append(digits).append('Z').toString();
    }

    /** The stored object's creation time: the current second, as metadata carries it. */
    String creationTimestamp() {
        return SECONDS.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L))) + "Z";
    }
}
