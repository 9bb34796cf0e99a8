package io.tenantwatch.alerting.sinks;

/**
 * A value that must never leave the process except to the one place it is for: an HMAC key, or a
 * URL that is itself a credential (Slack incoming webhooks). Its {@code toString} hides it, so a
 * record holding it can be logged or shown in an error without leaking it.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty secret");
        }
        this.value = value;
    }

    /** The value itself, for the HTTP request or the HMAC key; never for a message. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}
