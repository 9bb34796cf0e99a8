package io.tenantwatch.app.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.Topics;
import java.nio.file.Path;

/**
 * What every part is given by the service: the broker it reached (embedded or external), the
 * topics, the static tenancy, the one meter registry behind /metrics and the data directory.
 */
record PartContext(
        KafkaConnection kafka,
        boolean embeddedBroker,
        Topics topics,
        TopicLayout layout,
        TenancyConfig tenancy,
        PrometheusMeterRegistry registry,
        Path dataDir) {}
