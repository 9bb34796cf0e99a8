package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How an alert is written for a reader: {@code json}, the native alert object on one line (the
 * contract), or {@code text}, one aligned line for a person ({@code time severity detector
 * tenant/namespace summary}, the actor named once, control characters escaped), or {@code ocsf}, an OCSF Detection
 * Finding for SIEMs.
 */
public enum AlertFormat {
    JSON {
        @Override
        public String format(Alert alert) {
            try {
                return WRITER.writeValueAsString(alert);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an alert record always serializes", e);
            }
        }
    },
    TEXT {
        @Override
        public String format(Alert alert) {
            String where = (alert.tenant() == null ? "-" : alert.tenant()) + "/"
                    + (alert.namespace() == null ? "-" : alert.namespace());
            String actor = alert.actor() == null ? null : alert.actor().username();
            String summary = String.valueOf(alert.summary());
            // Detector summaries start with the actor; only one that does not name it (Falco's) gets it added.
            if (actor != null && !summary.contains(actor)) {
                summary = summary + " (actor " + actor + ")";
            }
            // One alert, one line: whatever a sender put in a name or a command is shown, not obeyed.
            return String.format(
                            Locale.ROOT,
                            TEXT_ROW,
                            alert.time() == null ? "-" : TEXT_TIME.format(alert.time()),
                            alert.severity().label(),
                            TerminalText.escape(alert.detector()),
                            TerminalText.escape(where),
                            TerminalText.escape(summary))
                    .stripTrailing();
        }
    },
    /** OCSF 1.1 Detection Finding (class_uid 2004) on one line, for SIEMs. */
    OCSF {
        @Override
        public String format(Alert alert) {
            return OcsfDetectionFinding.of(alert).toString();
        }
    };

    private static final ObjectWriter WRITER = Json.writerFor(Alert.class);

    /** Fixed-width time and columns as wide as the demo's table, so the summaries of a run line up. */
    private static final DateTimeFormatter TEXT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String TEXT_ROW = "%-24s %-8s %-27s %-22s %s";

    public abstract String format(Alert alert);

    /** Parses a format name as the command line spells it (json, text). */
    public static AlertFormat fromName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
