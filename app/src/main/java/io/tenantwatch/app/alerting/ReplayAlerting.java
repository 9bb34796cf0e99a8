package io.tenantwatch.app.alerting;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.alerting.DeliveryReport;
import io.tenantwatch.alerting.DirectDelivery;
import io.tenantwatch.alerting.routes.Routes;
import io.tenantwatch.schemas.Alert;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * {@code replay --routes}: every alert the replay raises also goes through suppression, routing
 * and the sinks, in order, and {@link #finish} waits until each delivery succeeded or gave up, so
 * the command exits only once the sinks have what they will get. Without routes it does nothing.
 */
public final class ReplayAlerting implements Consumer<Alert>, AutoCloseable {

    private final DirectDelivery delivery;

    private ReplayAlerting(DirectDelivery delivery) {
        this.delivery = delivery;
    }

    /**
     * @param routes null for none
     * @param stdout where {@code stdout} sinks write
     * @throws io.tenantwatch.schemas.config.ConfigException when a sink cannot work in replay (a Kafka sink without bootstrapServers)
     */
    public static ReplayAlerting open(Routes routes, PrintWriter stdout) {
        if (routes == null) {
            return new ReplayAlerting(null);
        }
        return new ReplayAlerting(DirectDelivery.open(routes, new SimpleMeterRegistry(), stdout));
    }

    @Override
    public void accept(Alert alert) {
        if (delivery != null) {
            delivery.offer(alert);
        }
    }

    /** Sends the open groups' updates; null without routes. */
    public DeliveryReport finish() {
        return delivery == null ? null : delivery.finish();
    }

    @Override
    public void close() {
        if (delivery != null) {
            delivery.close();
        }
    }
}
