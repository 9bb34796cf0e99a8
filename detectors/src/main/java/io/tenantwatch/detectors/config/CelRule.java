package io.tenantwatch.detectors.config;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.schemas.Alert;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * An operator's custom rule: a CEL expression over the normalized event, dispatched like a
 * built-in detector by the resources (and verbs) it names, so the expression runs only on events
 * that can match. An expression that fails on an event (a missing key read without {@code has()})
 * does not match it, and is counted in {@link #evaluationErrors()}.
 */
public final class CelRule extends BaseDetector {

    private final Set<String> verbs;
    private final CelRuntime.Program program;
    private final String summary;
    private final LongAdder evaluationErrors = new LongAdder();

    public CelRule(
            DetectorSpec spec, Set<String> resources, Set<String> verbs, CelRuntime.Program program, String summary) {
        super(spec, Trigger.audit(resources.toArray(String[]::new)));
        this.verbs = Set.copyOf(verbs);
        this.program = program;
        this.summary = summary;
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!verbs.isEmpty() && !verbs.contains(event.verb())) {
            return;
        }
        EventView view = new EventView(event.event());
        Object result;
        try {
            result = program.eval(name -> "event".equals(name) ? Optional.of(view) : Optional.empty());
        } catch (CelEvaluationException e) {
            evaluationErrors.increment();
            return;
        }
        if (Boolean.TRUE.equals(result)) {
            alerts.accept(AlertBuilder.of(spec(), event)
                    .summary((summary != null ? summary : spec().title()) + ": " + Phrases.actor(event) + " "
                            + Phrases.request(event) + " in " + Phrases.place(event))
                    .build());
        }
    }

    /** Events on which the expression failed rather than answered. */
    public long evaluationErrors() {
        return evaluationErrors.sum();
    }
}
