package io.tenantwatch.app.bench.traffic;

import java.util.List;

/**
 * One record of generated traffic, as a source delivers it: an audit Event line, an AKS Event Hubs
 * body holding several, or a Falco alert.
 *
 * @param bytes  the record, UTF-8 JSON
 * @param falco  whether it is a Falco alert (sent to the Falco receiver, not the audit one)
 * @param events the events it holds, in order
 */
public record TrafficRecord(byte[] bytes, boolean falco, List<Event> events) {

    /**
     * One event of a record.
     *
     * @param id       the audit event's auditID, or the Falco alert's uuid: what an alert's evidence names
     * @param attack   part of an attack trace (or a Falco runtime alert), so alerts on it are expected
     * @param expected the detector that must raise an alert naming this event, or null
     */
    public record Event(String id, boolean attack, String expected) {}
}
