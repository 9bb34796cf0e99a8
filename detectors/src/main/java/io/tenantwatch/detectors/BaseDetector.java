package io.tenantwatch.detectors;

/**
 * What every built-in detector is: a catalogue entry and the events it can fire on, fixed when it is
 * built, so that the registry's dispatch index can rely on them and no detector restates the pair.
 * A detector (or its group's base class) passes both to this constructor and writes only
 * {@link #examine}.
 */
public abstract class BaseDetector implements Detector {

    private final DetectorSpec spec;
    private final Trigger trigger;

    protected BaseDetector(DetectorSpec spec, Trigger trigger) {
        this.spec = spec;
        this.trigger = trigger;
    }

    @Override
    public final DetectorSpec spec() {
        return spec;
    }

    @Override
    public final Trigger trigger() {
        return trigger;
    }
}
