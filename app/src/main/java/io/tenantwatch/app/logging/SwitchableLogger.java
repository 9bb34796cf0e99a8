package io.tenantwatch.app.logging;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.simple.SimpleLogger;

/** A simple logger that writes a JSON line instead of its text line while {@link LogFormat} says so. */
final class SwitchableLogger extends SimpleLogger {

    SwitchableLogger(String name) {
        super(name);
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        if (!LogFormat.json()) {
            super.handleNormalizedLoggingCall(level, marker, messagePattern, arguments, throwable);
            return;
        }
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        String line = LogFormat.jsonLine(level, name, message, throwable);
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
