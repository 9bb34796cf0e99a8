package io.tenantwatch.detectors.inprocess;

/** Hands {@link EventBatch}es to the in-process topology by reference ({@link Handoff}). */
public final class BatchHandoff extends Handoff<EventBatch> {

    public BatchHandoff() {
        super("batch");
    }
}
