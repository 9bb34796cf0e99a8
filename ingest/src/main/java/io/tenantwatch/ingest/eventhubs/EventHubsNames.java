package io.tenantwatch.ingest.eventhubs;

import java.util.regex.Pattern;

/** The shapes Azure allows for namespaces, hubs and consumer groups, checked before connecting. */
final class EventHubsNames {

    /** A DNS name of at least two labels (a namespace is always fully qualified), or localhost for the emulator. */
    private static final Pattern HOST = Pattern.compile(
            "(?i)(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Event hub names: letters, digits, '.', '_', '-'; start and end with a letter or digit; up to 256. */
    private static final Pattern HUB = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,254}[A-Za-z0-9])?");
    /** Consumer groups: the same characters, up to 50, and the built-in {@code $Default}. */
    private static final Pattern GROUP = Pattern.compile("\\$Default|[A-Za-z0-9]([A-Za-z0-9._-]{0,48}[A-Za-z0-9])?");

    private EventHubsNames() {}

    static boolean isHostName(String s) {
        return s != null && (HOST.matcher(s).matches() || "localhost".equalsIgnoreCase(s));
    }

    static boolean isHubName(String s) {
        return s != null && HUB.matcher(s).matches();
    }

    static boolean isConsumerGroup(String s) {
        return s != null && GROUP.matcher(s).matches();
    }
}
