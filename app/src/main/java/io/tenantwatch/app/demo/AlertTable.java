package io.tenantwatch.app.demo;

import io.tenantwatch.alerting.formats.TerminalText;
import io.tenantwatch.schemas.Alert;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Alerts laid out for a person at a terminal: one heading line per alert, its summary below. */
final class AlertTable {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-9s %-9s %-27s %-22s %s%n";

    private AlertTable() {}

    static void print(List<Alert> alerts, PrintWriter out) {
        if (alerts.isEmpty()) {
            out.println("No alerts.");
            return;
        }
        out.printf(ROW, "TIME", "SEVERITY", "DETECTOR", "TENANT/NAMESPACE", "ACTOR");
        for (Alert a : alerts) {
            String where =
                    (a.tenant() == null ? "-" : a.tenant()) + "/" + (a.namespace() == null ? "-" : a.namespace());
            String actor = a.actor() == null || a.actor().username() == null
                    ? "-"
                    : a.actor().username();
            out.printf(
                    ROW,
                    a.time() == null ? "-" : CLOCK.format(a.time()),
                    a.severity().label().toUpperCase(Locale.ROOT),
                    TerminalText.escape(a.detector()),
                    TerminalText.escape(where),
                    TerminalText.escape(actor));
            out.println("          " + TerminalText.escape(a.summary()));
        }
    }
}
