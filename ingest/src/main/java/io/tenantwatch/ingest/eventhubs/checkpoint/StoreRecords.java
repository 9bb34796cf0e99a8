package io.tenantwatch.ingest.eventhubs.checkpoint;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tenantwatch.schemas.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The records of {@code tw.eventhubs.checkpoints}. Keys start with the partition they are about,
 * {@code namespace/hub/consumer-group/partition} (lower-cased: Azure compares these names without
 * case), then say what they hold:
 * <ul>
 *   <li>{@code …/checkpoint}: the partition's checkpoint, last one wins (compaction keeps it);
 *   <li>{@code …/ownership/<etag>}: one ownership claim. Each claim has a key of its own, so that
 *       compaction never replaces a winning claim by a later losing one; obsolete claims are
 *       deleted with tombstones instead (see {@link OwnershipLog}).
 * </ul>
 * Namespaces are host names and hubs and consumer groups cannot hold '/', so the key splits back
 * unambiguously.
 */
final class StoreRecords {

    static final String CHECKPOINT = "checkpoint";
    static final String OWNERSHIP = "ownership";

    /** A claim: who, on top of which etag, and the etag it gives the ownership if it wins. */
    record ClaimValue(String ownerId, String expectedETag, String eTag) {}

    /** A checkpoint as the SDK hands it over; every field may be null. */
    record CheckpointValue(Long offset, String offsetString, Long sequenceNumber) {}

    /** A parsed key: the partition it is about, the kind, and for a claim its etag. */
    record Key(String scope, String partitionId, String kind, String eTag) {}

    private static final ObjectWriter CLAIM_WRITER = Json.writerFor(ClaimValue.class);
    private static final ObjectReader CLAIM_READER = Json.readerFor(ClaimValue.class);
    private static final ObjectWriter CHECKPOINT_WRITER = Json.writerFor(CheckpointValue.class);
    private static final ObjectReader CHECKPOINT_READER = Json.readerFor(CheckpointValue.class);

    private StoreRecords() {}

    /** The records of one processor group (namespace, hub, consumer group) share this prefix. */
    static String scope(String namespace, String eventHub, String consumerGroup) {
        return lower(namespace) + "/" + lower(eventHub) + "/" + lower(consumerGroup);
    }

    static String checkpointKey(String scope, String partitionId) {
        return scope + "/" + partitionId + "/" + CHECKPOINT;
    }

    static String claimKey(String scope, String partitionId, String eTag) {
        return scope + "/" + partitionId + "/" + OWNERSHIP + "/" + eTag;
    }

    /** The parsed key, or null for a record that is not ours. */
    static Key parse(String key) {
        if (key == null) {
            return null;
        }
        String[] p = key.split("/", -1);
        if (p.length == 5 && CHECKPOINT.equals(p[4])) {
            return new Key(p[0] + "/" + p[1] + "/" + p[2], p[3], CHECKPOINT, null);
        }
        if (p.length == 6 && OWNERSHIP.equals(p[4]) && !p[5].isEmpty()) {
            return new Key(p[0] + "/" + p[1] + "/" + p[2], p[3], OWNERSHIP, p[5]);
        }
        return null;
    }

    static byte[] encode(ClaimValue v) {
        try {
            return CLAIM_WRITER.writeValueAsBytes(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(CheckpointValue v) {
        try {
            return CHECKPOINT_WRITER.writeValueAsBytes(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IOException when the value is not a claim */
    static ClaimValue claim(byte[] value) throws IOException {
        return CLAIM_READER.readValue(value);
    }

    /** @throws IOException when the value is not a checkpoint */
    static CheckpointValue checkpoint(byte[] value) throws IOException {
        return CHECKPOINT_READER.readValue(value);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
