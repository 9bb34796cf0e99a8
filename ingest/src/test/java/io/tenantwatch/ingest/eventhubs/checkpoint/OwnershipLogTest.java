package io.tenantwatch.ingest.eventhubs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.ingest.eventhubs.checkpoint.StoreRecords.ClaimValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ownership rules on a log held in memory: the compare-and-set, and the same answers after
 * compaction and clean-up removed records (a store starting later reads only what is left).
 */
class OwnershipLogTest {

    private static final String SCOPE = StoreRecords.scope("ns.servicebus.windows.net", "aks-audit", "tenantwatch");

    /** A record of the log: a claim, or a claim's tombstone. */
    private record Entry(String key, ClaimValue claim, long time) {}

    private final List<Entry> log = new ArrayList<>();
    private long clock = 1_000;

    /** Appends a claim on {@code expected} and returns its etag. */
    private String append(String owner, String expected) {
        String eTag = OwnershipLog.nextETag(expected);
        log.add(new Entry(StoreRecords.claimKey(SCOPE, "0", eTag), new ClaimValue(owner, expected, eTag), clock++));
        return eTag;
    }

    private void tombstone(String eTag) {
        log.add(new Entry(StoreRecords.claimKey(SCOPE, "0", eTag), null, clock++));
    }

    /** Replays the log; returns the etags whose claims won. */
    private static Set<String> replay(List<Entry> entries, OwnershipLog state) {
        Set<String> won = new HashSet<>();
        for (Entry e : entries) {
            if (e.claim() == null) {
                state.claimDeleted(SCOPE, "0", e.key());
            } else if (state.claim(SCOPE, "0", e.key(), e.claim(), e.time())) {
                won.add(e.claim().eTag());
            }
        }
        return won;
    }

    /** What a compacted log keeps: every record whose key has no later tombstone, in order. */
    private List<Entry> compacted() {
        Set<String> deleted = new HashSet<>();
        log.stream().filter(e -> e.claim() == null).forEach(e -> deleted.add(e.key()));
        return log.stream()
                .filter(e -> e.claim() != null && !deleted.contains(e.key()))
                .toList();
    }

    private static OwnershipLog.Owner owner(List<Entry> entries) {
        OwnershipLog state = new OwnershipLog();
        replay(entries, state);
        return state.owners(SCOPE).get("0");
    }

    @Test
    void theFirstClaimOnTheCurrentETagWinsAndLaterOnesOnTheSameETagFail() {
        String a1 = append("a", null);
        String b1 = append("b", null); // raced a for the free partition, came second
        String a2 = append("a", a1); // renewal
        String b2 = append("b", a1); // b still believes a1 is current
        String c3 = append("c", a2); // takeover of the current etag

        OwnershipLog state = new OwnershipLog();
        Set<String> won = replay(log, state);
        assertThat(won).containsExactlyInAnyOrder(a1, a2, c3).doesNotContain(b1, b2);
        OwnershipLog.Owner owner = state.owners(SCOPE).get("0");
        assertThat(owner.ownerId()).isEqualTo("c");
        assertThat(owner.eTag()).isEqualTo(c3);
        assertThat(owner.lastModifiedTime()).isEqualTo(log.get(4).time());
    }

    @Test
    void anETagNeverHandedOutCannotWin() {
        String a1 = append("a", null);
        log.add(new Entry(StoreRecords.claimKey(SCOPE, "0", "x"), new ClaimValue("b", a1, "x"), clock++));
        log.add(new Entry(
                StoreRecords.claimKey(SCOPE, "0", "2-y"), new ClaimValue("b", "not-an-etag", "2-y"), clock++));
        assertThat(OwnershipLog.nextETag("not-an-etag")).isNull();
        OwnershipLog state = new OwnershipLog();
        replay(log, state);
        state.settle();
        assertThat(state.owners(SCOPE).get("0").eTag()).isEqualTo(a1);

        int before = log.size();
        append("b", "7-made-up");
        append("b", OwnershipLog.nextETag(a1)); // a version-2 etag nobody won
        assertThat(replay(log.subList(before, log.size()), state)).isEmpty();
        assertThat(state.owners(SCOPE).get("0").eTag()).isEqualTo(a1);
    }

    @Test
    void theObsoleteClaimsAreEveryClaimButTheCurrentWinner() {
        String a1 = append("a", null);
        String b1 = append("b", null);
        String a2 = append("a", a1);
        OwnershipLog state = new OwnershipLog();
        replay(log, state);
        assertThat(state.obsoleteClaims(SCOPE, "0"))
                .containsExactlyInAnyOrder(
                        StoreRecords.claimKey(SCOPE, "0", a1), StoreRecords.claimKey(SCOPE, "0", b1));
        assertThat(state.obsoleteClaims(SCOPE, "0")).doesNotContain(StoreRecords.claimKey(SCOPE, "0", a2));
    }

    @Test
    void aStoreStartingOnACompactedLogAgreesWithOneThatReadEverything() {
        String a1 = append("a", null);
        String b1 = append("b", null);
        String a2 = append("a", a1);
        // the winner of version 2 cleans up: everything obsolete it has seen
        tombstone(a1);
        tombstone(b1);
        String b2 = append("b", a1); // late loser, written after that clean-up
        String c3 = append("c", a2);
        // c's clean-up is cut short: a2 is deleted, the late loser b2 is not
        tombstone(a2);
        String c4 = append("c", c3);

        OwnershipLog.Owner full = owner(log);
        OwnershipLog.Owner fresh = owner(compacted());
        assertThat(full.eTag()).isEqualTo(c4);
        assertThat(fresh).isEqualTo(full);
        assertThat(compacted()).extracting(e -> e.claim().eTag()).containsExactly(b2, c3, c4);

        // and both go on deciding alike: a stale claim fails, a claim on the current etag wins
        OwnershipLog live = new OwnershipLog();
        replay(log, live);
        OwnershipLog restarted = new OwnershipLog();
        replay(compacted(), restarted);
        live.settle();
        restarted.settle();
        int before = log.size();
        append("d", c3);
        String e5 = append("e", c4);
        List<Entry> tail = log.subList(before, log.size());
        assertThat(replay(tail, live)).containsExactly(e5);
        assertThat(replay(tail, restarted)).containsExactly(e5);
    }

    @Test
    void aLeftoverLoserWhoseWinnerWasDeletedDoesNotHideTheCurrentOwner() {
        String a1 = append("a", null);
        String a2 = append("a", a1);
        String b2 = append("b", a1); // loser of version 2
        String a3 = append("a", a2);
        String b4 = append("b", a3);
        // clean-ups deleted a1, a2 and a3 but never reached the loser b2
        tombstone(a1);
        tombstone(a2);
        tombstone(a3);

        assertThat(compacted()).extracting(e -> e.claim().eTag()).containsExactly(b2, b4);
        assertThat(owner(compacted()).eTag()).isEqualTo(b4);
        assertThat(owner(log).eTag()).isEqualTo(b4);
    }
}
