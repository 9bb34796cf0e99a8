package io.tenantwatch.app.service;

import io.tenantwatch.ingest.http.ReceiverConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What the service's ports expose beyond this host, said once at start: receivers on the network
 * over plain HTTP carry bearer tokens and audit events in clear, and an open metrics port shows
 * every tenant's name and alert counts to whoever reaches it.
 */
final class Exposure {

    private Exposure() {}

    static List<String> warnings(ServiceConfig config) {
        List<String> warnings = new ArrayList<>();
        ReceiverConfig receivers =
                config.ingest() == null ? null : config.ingest().receivers();
        if (receivers != null && receivers.tls() == null && !isLoopback(receivers.bindAddress())) {
            warnings.add(
                    "the receivers listen on " + receivers.bindAddress()
                            + " over plain HTTP: bearer tokens and audit events"
                            + " cross the network in clear. Give --tls-cert and --tls-key, or keep them behind a proxy or mesh that encrypts.");
        }
        String metricsBind = config.metrics().bindAddress();
        if (!isLoopback(metricsBind) && config.metrics().tokens() == null) {
            warnings.add("/metrics on " + metricsBind
                    + " asks for no token: whoever reaches the port reads every tenant's name"
                    + " and alert counts. Allow only the monitoring namespace (the chart's NetworkPolicy does), or give"
                    + " --metrics-token-file.");
        }
        return warnings;
    }

    /** Null (the receivers' default without TLS) and loopback names and literals stay on this host; no name is looked up. */
    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return true;
        }
        String a = address.strip();
        return a.equalsIgnoreCase("localhost")
                || a.startsWith("127.")
                || a.equals("::1")
                || a.equals("[::1]")
                || a.equals("0:0:0:0:0:0:0:1");
    }
}
