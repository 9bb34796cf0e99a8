package io.tenantwatch.alerting.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Reads the alerting meters a test asserts on. */
public final class Meters {

    private Meters() {}

    public static double deliveries(MeterRegistry r, String sink, String outcome) {
        Counter c = r.find("tenantwatch.alerting.deliveries")
                .tag("sink", sink)
                .tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    public static double deadLetters(MeterRegistry r, String sink, String reason) {
        Counter c = r.find("tenantwatch.alerting.dead.letters")
                .tag("sink", sink)
                .tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    public static double counter(MeterRegistry r, String name) {
        Counter c = r.find(name).counter();
        return c == null ? 0 : c.count();
    }

    public static double circuit(MeterRegistry r, String sink, String state) {
        Gauge g = r.find("tenantwatch.alerting.circuit.state")
                .tag("sink", sink)
                .tag("state", state)
                .gauge();
        return g == null ? Double.NaN : g.value();
    }
}
