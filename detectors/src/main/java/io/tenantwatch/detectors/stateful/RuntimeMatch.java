package io.tenantwatch.detectors.stateful;

/** One pair the {@code runtime-then-api} join found: a Falco observation and a later request from the same pod. */
record RuntimeMatch(Observation falco, Observation request) {}
