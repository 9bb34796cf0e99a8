package io.tenantwatch.app.service;

import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReaderLimits;
import io.tenantwatch.ingest.eventhubs.EventHubsBridge;
import io.tenantwatch.ingest.eventhubs.EventHubsOptions;
import io.tenantwatch.ingest.http.ReceiverServer;
import io.tenantwatch.ingest.kafka.KafkaEventWriter;
import io.tenantwatch.ingest.tenancy.cluster.TenancyDirectory;
import io.tenantwatch.schemas.StaticTenancy;
import java.util.Map;

/**
 * Ingest: the tenancy directory (first, so that detection starts with the clusters' tenancy), then
 * one Kafka producer that the HTTP receivers and the Event Hubs bridge share.
 */
final class IngestPart implements ServicePart {

    private final Closer closer;
    private final ReceiverServer receivers;

    private IngestPart(Closer closer, ReceiverServer receivers) {
        this.closer = closer;
        this.receivers = receivers;
    }

    static IngestPart start(IngestConfig config, PartContext context) {
        Closer closer = new Closer();
        try {
            if (config.runsDirectory()) {
                // An unreachable cluster stops the start here, with one line naming it.
                closer.push(TenancyDirectory.start(
                        config.clusters(),
                        new StaticTenancy(context.tenancy()),
                        context.kafka(),
                        context.topics().tenancy(),
                        context.registry(),
                        TenancyDirectory.Settings.DEFAULTS));
            }
            KafkaEventWriter writer = closer.push(new KafkaEventWriter(
                    KafkaEventWriter.producerProperties(context.kafka()),
                    context.topics(),
                    KafkaEventWriter.DEFAULT_MAX_IN_FLIGHT_RECORDS));
            InputReader reader = new InputReader(ReaderLimits.DEFAULTS.withMaxDocumentBytes(
                    config.receivers().maxBodyBytes()));
            ReceiverServer receivers = new ReceiverServer(config.receivers(), reader, writer, context.registry());
            receivers.start();
            closer.push(receivers);
            if (!config.eventHubs().isEmpty()) {
                closer.push(EventHubsBridge.start(
                        EventHubsOptions.of(config.eventHubs(), context.kafka(), context.topics()),
                        writer,
                        context.registry()));
            }
            return new IngestPart(closer, receivers);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    int receiverPort() {
        return receivers.port();
    }

    boolean receiverTls() {
        return receivers.tls();
    }

    @Override
    public Map<String, String> endpoints() {
        String scheme = receivers.tls() ? "https" : "http";
        return Map.of(
                "receivers",
                scheme + "://" + receivers.address().getHostString() + ":" + receivers.port() + "/v1/audit, /v1/falco");
    }

    @Override
    public void close() {
        closer.close();
    }
}
