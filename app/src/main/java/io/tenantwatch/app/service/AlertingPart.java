package io.tenantwatch.app.service;

import io.tenantwatch.alerting.AlertPipeline;
import io.tenantwatch.app.metrics.AlertMetrics;
import io.tenantwatch.schemas.Alert;
import java.util.function.Consumer;

/**
 * Alerting: every committed alert to the process's output ({@link CommittedAlertReader}) and, when
 * the routes file names sinks, routed delivery to Alertmanager, webhooks, Slack and the rest
 * ({@link AlertPipeline}), each in its own consumer group.
 */
final class AlertingPart implements ServicePart {

    private final Closer closer;

    private AlertingPart(Closer closer) {
        this.closer = closer;
    }

    static AlertingPart start(AlertingConfig config, PartContext context, Consumer<Alert> output) {
        Closer closer = new Closer();
        try {
            closer.push(new CommittedAlertReader(
                            context.kafka(),
                            context.topics().alerts(),
                            output,
                            new AlertMetrics(context.registry(), config.clusterLabels()))
                    .start());
            if (config.routes() != null) {
                closer.push(AlertPipeline.start(AlertPipeline.Config.of(
                        context.kafka(), context.topics(), config.routes(), context.registry())));
            }
            return new AlertingPart(closer);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    @Override
    public void close() {
        closer.close();
    }
}
