package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NamespaceTenancy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the namespace events of one namespace have taught so far: the incarnation ({@code uid}, null
 * when no event carried it), the values of its tenant labels (only the {@code namespaceLabels} keys,
 * so a relabel at Request level, which names only the labels it changes, can be applied to them),
 * since when, and whether it was deleted. The learner's own state, per task; what it publishes is
 * the {@link NamespaceTenancy} of {@link #toRecord}.
 */
public record LearnedNamespace(String uid, Map<String, String> tenantLabels, Instant since, boolean deleted) {

    public LearnedNamespace {
        tenantLabels = tenantLabels == null ? Map.of() : Map.copyOf(tenantLabels);
    }

    /**
     * The state after one allowed namespace event, {@code before} itself when the event changes
     * nothing, null when there is nothing to learn.
     *
     * @param facts the event's namespace facts, null when the audit level left out the body
     */
    static LearnedNamespace after(
            LearnedNamespace before, String verb, Facts.Namespace facts, Instant time, List<String> keys) {
        String uid = facts == null ? null : facts.uid();
        if (!"create".equals(verb) && before != null && olderIncarnation(before, uid, time)) {
            return before; // a late write or delete for the name's previous incarnation
        }
        boolean sameIncarnation = before != null && (uid == null || before.uid == null || uid.equals(before.uid));
        return switch (verb) {
            // A create starts a new incarnation: nothing of the old one carries over, even at
            // Metadata level where the labels are unknown.
            case "create" ->
                new LearnedNamespace(uid, tenantLabels(facts == null ? Map.of() : facts.labels(), keys), time, false);
            case "update" -> facts == null ? before : changed(before, uid, tenantLabels(facts.labels(), keys), time);
            case "patch" ->
                facts == null
                        ? before
                        : changed(before, uid, patched(sameIncarnation ? before : null, facts, keys), time);
            case "delete" ->
                before == null || before.deleted
                        ? before
                        : new LearnedNamespace(uid != null ? uid : before.uid, before.tenantLabels, time, true);
            default -> before;
        };
    }

    /** The tenant: the value of the first tenant label key present, else null. */
    String tenant(List<String> keys) {
        for (String key : keys) {
            String value = tenantLabels.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    NamespaceTenancy toRecord(String cluster, String namespace, List<String> keys) {
        String tenant = tenant(keys);
        return new NamespaceTenancy(
                cluster, namespace, uid, tenant, tenant == null ? null : LearnedTenancy.SOURCE, since, deleted);
    }

    /** Labels, uid and deletion are what matter: a rewrite that keeps them is no change. */
    private static LearnedNamespace changed(
            LearnedNamespace before, String uid, Map<String, String> labels, Instant time) {
        String keptUid = uid != null ? uid : before == null ? null : before.uid;
        boolean deleted = before != null && before.deleted && Objects.equals(keptUid, before.uid);
        if (before != null && before.tenantLabels.equals(labels) && Objects.equals(before.uid, keptUid)) {
            return before;
        }
        return new LearnedNamespace(keptUid, labels, time, deleted);
    }

    /**
     * A patch names what it sets and removes; the body (the stored namespace at RequestResponse
     * level, the patch itself at Request level) adds the rest it carries.
     */
    private static Map<String, String> patched(LearnedNamespace base, Facts.Namespace facts, List<String> keys) {
        Map<String, String> labels = new LinkedHashMap<>(base == null ? Map.of() : base.tenantLabels);
        if (facts.labelsRemoved().contains(ALL_LABELS)) {
            labels.clear();
        }
        facts.labelsRemoved().forEach(labels::remove);
        labels.putAll(tenantLabels(facts.labels(), keys));
        labels.putAll(tenantLabels(facts.labelsSet(), keys));
        return labels;
    }

    /** In {@code labelsRemoved}: the patch removed the whole label map (ingest's NamespaceFacts). */
    private static final String ALL_LABELS = "*";

    private static boolean olderIncarnation(LearnedNamespace before, String uid, Instant time) {
        return uid != null
                && before.uid != null
                && !uid.equals(before.uid)
                && time != null
                && before.since != null
                && time.isBefore(before.since);
    }

    private static Map<String, String> tenantLabels(Map<String, String> labels, List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            String value = labels.get(key);
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }
}
