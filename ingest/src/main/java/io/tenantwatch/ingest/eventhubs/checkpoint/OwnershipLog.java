package io.tenantwatch.ingest.eventhubs.checkpoint;

import io.tenantwatch.ingest.eventhubs.checkpoint.StoreRecords.CheckpointValue;
import io.tenantwatch.ingest.eventhubs.checkpoint.StoreRecords.ClaimValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The state of {@code tw.eventhubs.checkpoints} as the log decides it, record by record in log
 * order. Every store instance reads the same log, so every instance reaches the same answers.
 *
 * <p><b>Ownership is a compare-and-set on the etag.</b> A claim names the etag it expects; the
 * first claim in log order that names the current etag wins and gives the ownership a new etag, so
 * every later claim on the old etag fails. A claim without an etag wins only where nobody owned the
 * partition yet. An etag is {@code <version>-<uuid>}: a claim on version {@code v} proposes
 * {@code v + 1}, and etags reach claimers only through {@link #owners}, so each version has exactly
 * one etag that a claim can name, its winner's.
 *
 * <p><b>Compaction.</b> Each claim has a key of its own, so compaction never replaces a winning
 * claim by a later loser; claims are deleted only by tombstones, once obsolete (older versions,
 * and the current version's losers: {@link #obsoleteClaims}), and the current winner never is. A
 * store that starts on a compacted log may still meet a claim whose expected etag it has never
 * seen: that etag's claim was deleted, which happens only to a winner once superseded (a loser's
 * etag is never handed out), or a clean-up cut short left a loser whose winner is gone. While it
 * reads the log it found at start, the store therefore takes a claim on an etag it has not seen
 * as decided when its version is above the current one: the winners left in the log come in
 * version order, and the current winner, never deleted, comes last, so the replay ends on the
 * true owner. From then on ({@link #settle()}) every claim is checked strictly against the
 * current etag.
 *
 * <p>Not thread-safe: the store serializes access.
 */
final class OwnershipLog {

    /** The current ownership of a partition. */
    record Owner(String ownerId, String eTag, long version, long lastModifiedTime) {}

    private static final class Partition {
        Owner owner;
        /** Claims not yet deleted: key → version, for the clean-up. */
        final Map<String, Long> claims = new HashMap<>();

        String ownerKey;
        CheckpointValue checkpoint;
    }

    private final Map<String, Map<String, Partition>> scopes = new HashMap<>();
    /** False while replaying the log as found at start (see the class comment). */
    private boolean settled;

    /** The version an etag stands for: 0 for none (no ownership yet), -1 when it is not one of ours. */
    static long version(String eTag) {
        if (eTag == null) {
            return 0;
        }
        int dash = eTag.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(eTag.substring(0, dash)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A fresh etag for a claim on top of {@code expected}, or null when {@code expected} is not an etag of ours. */
    static String nextETag(String expected) {
        long v = version(expected);
        return v < 0 ? null : (v + 1) + "-" + UUID.randomUUID();
    }

    /**
     * Applies a claim read at this point of the log.
     *
     * @return true when the claim took the ownership
     */
    boolean claim(String scope, String partitionId, String key, ClaimValue claim, long timestamp) {
        Partition p = partition(scope, partitionId);
        long version = version(claim.eTag());
        if (version <= 0 || version(claim.expectedETag()) != version - 1) {
            return false; // not a well-formed claim of ours
        }
        p.claims.put(key, version);
        if (version <= (p.owner == null ? 0 : p.owner.version())) {
            return false; // its etag has moved on
        }
        String expected = claim.expectedETag();
        boolean won = Objects.equals(expected, p.owner == null ? null : p.owner.eTag())
                // in the log found at start, the etag it builds on may have been deleted (class comment)
                || !settled
                        && expected != null
                        && !p.claims.containsKey(StoreRecords.claimKey(scope, partitionId, expected));
        if (won) {
            p.owner = new Owner(claim.ownerId(), claim.eTag(), version, timestamp);
            p.ownerKey = key;
        }
        return won;
    }

    /** The log found at start has been read: from now on the compare-and-set is strict. */
    void settle() {
        settled = true;
    }

    /** A claim's tombstone: the claim is gone, the ownership it decided stays. */
    void claimDeleted(String scope, String partitionId, String key) {
        Partition p = partition(scope, partitionId);
        p.claims.remove(key);
    }

    void checkpoint(String scope, String partitionId, CheckpointValue checkpoint) {
        partition(scope, partitionId).checkpoint = checkpoint;
    }

    /** Partition id → current owner, for the partitions of a scope that were ever claimed. */
    Map<String, Owner> owners(String scope) {
        Map<String, Owner> out = new HashMap<>();
        scopes.getOrDefault(scope, Map.of()).forEach((id, p) -> {
            if (p.owner != null) {
                out.put(id, p.owner);
            }
        });
        return out;
    }

    /** Partition id → checkpoint. */
    Map<String, CheckpointValue> checkpoints(String scope) {
        Map<String, CheckpointValue> out = new HashMap<>();
        scopes.getOrDefault(scope, Map.of()).forEach((id, p) -> {
            if (p.checkpoint != null) {
                out.put(id, p.checkpoint);
            }
        });
        return out;
    }

    /**
     * The claims of a partition that may be deleted without changing any answer: every claim but the
     * current winner whose version is not above the current one.
     */
    List<String> obsoleteClaims(String scope, String partitionId) {
        Partition p = partition(scope, partitionId);
        List<String> out = new ArrayList<>();
        if (p.owner == null) {
            return out;
        }
        p.claims.forEach((key, version) -> {
            if (!key.equals(p.ownerKey) && version <= p.owner.version()) {
                out.add(key);
            }
        });
        return out;
    }

    private Partition partition(String scope, String partitionId) {
        return scopes.computeIfAbsent(scope, s -> new HashMap<>()).computeIfAbsent(partitionId, id -> new Partition());
    }
}
