package io.tenantwatch.app.detection;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectionTopology;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.DirectoryTenancy;
import io.tenantwatch.detectors.attribution.LearnedTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.Topics;
import java.time.Duration;

/**
 * How the detection topology is put together, once for the service (Kafka Streams on a broker) and
 * for {@code replay} and {@code bench} (the same topology in-process): events are attributed with
 * the clusters' own namespaces when a directory publishes to {@code tw.tenancy}, then with what
 * namespace events in the stream taught, then with the static tenancy; then the detectors run.
 *
 * @param tenancy           the tenancy file
 * @param readsTenancyTopic whether cluster tenancy comes from {@code tw.tenancy}
 * @param tenancyGrace      how long an event for a namespace the directory does not know yet waits
 * @param stores            persistent for the service (state survives a restart), in memory in-process
 * @param exportAttributed  whether every attributed event is written to {@code tw.attributed}
 */
public record DetectionWiring(
        TenancyConfig tenancy,
        boolean readsTenancyTopic,
        Duration tenancyGrace,
        DetectionTopology.StateStores stores,
        boolean exportAttributed) {

    public DetectionTopology topology(Topics topics, EventDetection detection, DetectionListener listener) {
        // Directory first, then what namespace events taught, then the file (docs/tenancy.md).
        LearnedTenancy learned = new LearnedTenancy();
        DirectoryTenancy directory = readsTenancyTopic ? new DirectoryTenancy(learned) : null;
        Attributor attributor = new Attributor(new StaticTenancy(tenancy), directory == null ? learned : directory);
        DetectionTopology topology = new DetectionTopology(
                        topics, attributor, detection, listener, DetectionTopology.DEFAULT_DEDUPE_WINDOW, stores)
                .withAttributedExport(exportAttributed)
                .withLearnedTenancy(learned);
        if (directory != null) {
            topology.withTenancyDirectory(directory, tenancyGrace);
        }
        return topology;
    }
}
