package io.tenantwatch.detectors;

/**
 * Every test of {@link DetectionTopologyTest} on in-memory state, as replay runs it: deduplication
 * there remembers in its own hash maps instead of a window store, and must decide the same.
 */
class InMemoryDetectionTopologyTest extends DetectionTopologyTest {

    @Override
    DetectionTopology.StateStores stores() {
        return DetectionTopology.StateStores.IN_MEMORY;
    }
}
