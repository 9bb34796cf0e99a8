package io.tenantwatch.app.logging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Json;
import java.time.Instant;
import org.slf4j.event.Level;

/**
 * How the service's log lines look: SLF4J simple's text (the default), or one JSON object per line
 * for cluster log pipelines ({@code time}, {@code level}, {@code logger}, {@code message}, and
 * {@code error} with the exception's class and first message line). A stack trace is not written
 * in JSON: it would span lines, and {@code --debug} on the command line is the place for it.
 */
public enum LogFormat {
    TEXT,
    JSON;

    private static volatile LogFormat current = TEXT;

    public static void use(LogFormat format) {
        current = format;
    }

    static boolean json() {
        return current == JSON;
    }

    static String jsonLine(Level level, String logger, String message, Throwable throwable) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("level", level.toString());
        line.put("logger", logger);
        line.put("message", message);
        if (throwable != null) {
            String detail = throwable.getMessage() == null
                    ? ""
                    : ": " + throwable.getMessage().lines().findFirst().orElse("");
            line.put("error", throwable.getClass().getName() + detail);
        }
        return line.toString();
    }
}
