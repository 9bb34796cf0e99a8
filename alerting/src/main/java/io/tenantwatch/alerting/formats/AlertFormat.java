package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import java.util.Locale;

/**
 * How an alert is written for a reader: {@code json}, the native alert object on one line (the
 * contract), or {@code text}, one line for a person ({@code time severity detector
 * tenant/namespace actor summary}, control characters escaped), or {@code ocsf}, an OCSF Detection
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
            String actor = alert.actor() == null || alert.actor().username() == null
                    ? "-"
                    : alert.actor().username();
            // One alert, one line: whatever a sender put in a name or a command is shown, not obeyed.
            return String.join(
                    " ",
                    String.valueOf(alert.time()),
                    alert.severity().label(),
                    TerminalText.escape(alert.detector()),
                    TerminalText.escape(where),
                    TerminalText.escape(actor),
                    TerminalText.escape(alert.summary()));
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

    public abstract String format(Alert alert);

    /** Parses a format name as the command line spells it (json, text). */
    public static AlertFormat fromName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
