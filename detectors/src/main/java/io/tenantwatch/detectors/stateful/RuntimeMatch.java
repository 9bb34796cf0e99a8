package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;

/** One pair the {@code runtime-then-api} join found: a Falco observation and a later request from the same pod. */
record RuntimeMatch(Alert falco, ApiRequest request) {}
