package io.tenantwatch.app.bench.traffic;

import java.time.Instant;

/**
 * What to generate: the shape of the cluster and of its traffic. The same spec and seed always
 * give the same bytes.
 *
 * @param seed            the random seed
 * @param tenants         tenants sharing the cluster
 * @param namespaces      tenant namespaces in all (at least one per tenant; each tenant also has a CI namespace)
 * @param actors          identities making requests: people, CI and workload service accounts
 * @param attackRate      the share of records that start an attack trace (0 for benign traffic only)
 * @param falcoRate       the share of records that are Falco runtime alerts (each one raises {@code falco-runtime})
 * @param format          audit Events one per line, or AKS Event Hubs bodies
 * @param start           the event time of the first event
 * @param clusterRate     audit events per second of the simulated cluster (event time, not wall time)
 */
public record TrafficSpec(
        long seed,
        int tenants,
        int namespaces,
        int actors,
        double attackRate,
        double falcoRate,
        Format format,
        Instant start,
        double clusterRate) {

    /** How records are framed. */
    public enum Format {
        /** One audit Event per record, as the API server's log backend writes it. */
        AUDIT,
        /** Up to {@link #RECORDS_PER_ENVELOPE} audit Events in one AKS diagnostic-settings body. */
        AKS
    }

    public static final int RECORDS_PER_ENVELOPE = 10;
    public static final Instant DEFAULT_START = Instant.parse("2026-11-20T09:00:00Z");

    public TrafficSpec {
        if (tenants < 2) {
            throw new IllegalArgumentException(
                    "at least 2 tenants are needed (attacks cross between them), got " + tenants);
        }
        if (namespaces < tenants) {
            throw new IllegalArgumentException("at least one namespace per tenant is needed: " + namespaces
                    + " namespaces for " + tenants + " tenants");
        }
        if (actors < tenants * 2) {
            throw new IllegalArgumentException("at least two actors per tenant are needed (a person and a CI account): "
                    + actors + " actors for " + tenants + " tenants");
        }
        if (attackRate < 0 || attackRate > 0.5 || falcoRate < 0 || falcoRate > 0.5) {
            throw new IllegalArgumentException("attack and Falco rates must be between 0 and 0.5");
        }
        if (clusterRate <= 0) {
            throw new IllegalArgumentException("the cluster's event rate must be positive");
        }
    }

    /** A benign-only spec of the default shape. */
    public static TrafficSpec benign(long seed, int tenants, int namespaces, int actors) {
        return new TrafficSpec(seed, tenants, namespaces, actors, 0, 0, Format.AUDIT, DEFAULT_START, 200);
    }

    public TrafficSpec withRates(double attack, double falco) {
        return new TrafficSpec(seed, tenants, namespaces, actors, attack, falco, format, start, clusterRate);
    }

    /** The same traffic spread over more or less event time: {@code perSecond} audit events a second. */
    public TrafficSpec withClusterRate(double perSecond) {
        return new TrafficSpec(seed, tenants, namespaces, actors, attackRate, falcoRate, format, start, perSecond);
    }

    public TrafficSpec withFormat(Format f) {
        return new TrafficSpec(seed, tenants, namespaces, actors, attackRate, falcoRate, f, start, clusterRate);
    }
}
