package io.tenantwatch.detectors.inprocess;

import io.tenantwatch.schemas.NormalizedEvent;
import java.util.List;

/**
 * Consecutive events handed to the in-process topology as one record. The driver that runs
 * {@code replay} pays a fixed cost per record it is given (matching the topic against every source,
 * committing, capturing outputs), several times what an event's detection costs; a batch pays it
 * once for many. {@link UnbatchProcessor} gives every event its own record again, with its own key
 * and event time, before the first processor of the service's topology sees it. Batches travel by
 * reference ({@link Handoff}), never encoded.
 */
public record EventBatch(List<NormalizedEvent> events) {

    public EventBatch {
        events = List.copyOf(events);
    }
}
