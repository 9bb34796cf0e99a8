package io.tenantwatch.alerting.suppress;

import io.tenantwatch.schemas.Alert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Suppression and grouping by fingerprint. The first alert of a finding goes out at once and
 * opens a window (the detector's, {@link SuppressionPolicy}); repeats inside the window are
 * absorbed and counted; when the window ends, one update goes out if there were repeats, with
 * {@code evidence.count} = every occurrence of the window (the first included), {@code firstSeen}
 * and {@code lastSeen} spanning them, and the id of a grouped update ({@link GroupUpdateIds}), by
 * which a re-sent update, and an output format, recognise it. After the window the next
 * occurrence is a first again.
 *
 * <p>Pure and single-threaded: no I/O, time only from the injected clock (wall time in the
 * service, event time in replay). {@code T} is whatever the caller needs back for each absorbed
 * repeat.
 */
public final class Suppressor<T> {

    /** What happened to an offered alert. */
    public enum Admission {
        /** Send it now: the first of its window, or suppression is off for its detector. */
        FIRST,
        /** Absorbed; it is counted in its group's update. */
        REPEAT
    }

    private final SuppressionPolicy policy;
    private final Clock clock;
    private final Map<String, Group<T>> open = new HashMap<>();
    private final PriorityQueue<Group<T>> byEnd = new PriorityQueue<>((a, b) -> a.end.compareTo(b.end));

    public Suppressor(SuppressionPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public Admission admit(Alert alert, T attachment) {
        Duration window = policy.windowFor(alert.detector());
        if (window.isZero()) {
            return Admission.FIRST;
        }
        Instant now = clock.instant();
        Group<T> group = open.get(alert.fingerprint());
        if (group != null && !now.isBefore(group.end)) {
            // Its window is over but due() has not run yet: it stays queued for due() to send
            // its update, and this alert opens the next window.
            open.remove(alert.fingerprint());
            group.superseded = true;
            group = null;
        }
        if (group == null) {
            start(alert, now, window);
            return Admission.FIRST;
        }
        group.absorb(alert, attachment);
        return Admission.REPEAT;
    }

    private void start(Alert alert, Instant now, Duration window) {
        Group<T> group = new Group<>(alert, now.plus(window));
        open.put(alert.fingerprint(), group);
        byEnd.add(group);
    }

    /** Updates of the windows that ended by now and saw repeats; the others are forgotten. */
    public List<GroupUpdate<T>> due() {
        Instant now = clock.instant();
        List<GroupUpdate<T>> updates = new ArrayList<>();
        while (!byEnd.isEmpty() && !now.isBefore(byEnd.peek().end)) {
            close(byEnd.poll(), updates);
        }
        return updates;
    }

    /** Every open window closed now, whatever its end (end of a replay). */
    public List<GroupUpdate<T>> drain() {
        List<GroupUpdate<T>> updates = new ArrayList<>();
        while (!byEnd.isEmpty()) {
            close(byEnd.poll(), updates);
        }
        return updates;
    }

    private void close(Group<T> group, List<GroupUpdate<T>> updates) {
        if (!group.superseded) {
            open.remove(group.first.fingerprint());
        }
        if (group.repeats > 0) {
            // Attachments may be null (replay attaches nothing), which List.copyOf refuses.
            updates.add(new GroupUpdate<>(group.update(), java.util.Collections.unmodifiableList(group.attachments)));
        }
    }

    /** When the earliest open window ends, or null when none is open. */
    public Instant nextDeadline() {
        return byEnd.isEmpty() ? null : byEnd.peek().end;
    }

    public int openGroups() {
        return byEnd.size();
    }

    /**
     * Drops the groups whose repeats all carry attachments that no longer matter (the pipeline
     * lost their partition: another consumer re-reads them). Groups without repeats stay.
     */
    public void forgetIf(Predicate<T> gone) {
        byEnd.removeIf(g -> {
            if (g.repeats > 0 && g.attachments.stream().allMatch(gone)) {
                if (!g.superseded) {
                    open.remove(g.first.fingerprint());
                }
                return true;
            }
            return false;
        });
    }

    private static final class Group<T> {
        final Alert first;
        final Instant end;
        final List<T> attachments = new ArrayList<>();
        final Set<String> auditIds = new LinkedHashSet<>();
        Alert latest;
        long repeats;
        long count;
        Instant firstSeen;
        Instant lastSeen;
        boolean superseded;

        Group(Alert first, Instant end) {
            this.first = first;
            this.end = end;
            this.count = occurrences(first);
            this.firstSeen = earliest(first);
            this.lastSeen = latestTime(first);
            first.evidence().auditIds().forEach(this::addAuditId);
        }

        void absorb(Alert alert, T attachment) {
            latest = alert;
            repeats++;
            count += occurrences(alert);
            attachments.add(attachment);
            Instant e = earliest(alert);
            if (e != null && (firstSeen == null || e.isBefore(firstSeen))) {
                firstSeen = e;
            }
            Instant l = latestTime(alert);
            if (l != null && (lastSeen == null || l.isAfter(lastSeen))) {
                lastSeen = l;
            }
            alert.evidence().auditIds().forEach(this::addAuditId);
        }

        private void addAuditId(String id) {
            if (auditIds.size() < Alert.Evidence.MAX_AUDIT_IDS) {
                auditIds.add(id);
            }
        }

        Alert update() {
            Alert base = latest;
            Alert.Evidence ev = base.evidence();
            Alert.Evidence evidence = new Alert.Evidence(
                    List.copyOf(auditIds),
                    count,
                    ev.sourceIPs(),
                    ev.userAgent(),
                    ev.requestURI(),
                    ev.falcoRule(),
                    ev.falcoUuid(),
                    ev.keys(),
                    ev.details());
            String id =
                    GroupUpdateIds.of(base.detector(), base.cluster(), base.fingerprint(), firstSeen, lastSeen, count);
            String summary = base.summary() + " (" + count + " times from " + firstSeen + " to " + lastSeen + ")";
            return new Alert(
                    base.schemaVersion(),
                    id,
                    base.fingerprint(),
                    base.detector(),
                    first.severity().compareTo(base.severity()) > 0 ? first.severity() : base.severity(),
                    base.title(),
                    summary,
                    lastSeen != null ? lastSeen : base.time(),
                    firstSeen,
                    lastSeen,
                    base.cluster(),
                    base.tenant(),
                    base.actorTenants(),
                    base.namespace(),
                    base.actor(),
                    base.verb(),
                    base.resource(),
                    base.source(),
                    evidence,
                    base.mitre());
        }

        private static long occurrences(Alert alert) {
            return Math.max(1, alert.evidence() == null ? 1 : alert.evidence().count());
        }

        private static Instant earliest(Alert alert) {
            return alert.firstSeen() != null ? alert.firstSeen() : alert.time();
        }

        private static Instant latestTime(Alert alert) {
            return alert.lastSeen() != null ? alert.lastSeen() : alert.time();
        }
    }
}
