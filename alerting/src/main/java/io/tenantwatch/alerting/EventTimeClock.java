package io.tenantwatch.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that follows the alerts' own times and never goes back: replay suppresses and groups on
 * event time, so the same input gives the same notifications however fast it is read.
 */
final class EventTimeClock extends Clock {

    private Instant now = Instant.EPOCH;

    void advanceTo(Instant t) {
        if (t != null && t.isAfter(now)) {
            now = t;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("event time has no zone");
    }
}
