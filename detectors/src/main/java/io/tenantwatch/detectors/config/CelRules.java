package io.tenantwatch.detectors.config;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * The CEL environment of operators' rules: one variable, {@code event} (the normalized event as a
 * map, see {@link EventView}), the standard macros ({@code has}, {@code exists}, {@code all}…), a
 * boolean result. Expressions are compiled once, when the configuration loads.
 */
public final class CelRules {

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setOptions(CelOptions.current().build())
            .addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();

    private CelRules() {}

    /** A compiled expression, or why it does not compile (with line and column). */
    public record Compiled(CelRuntime.Program program, String error) {}

    public static Compiled compile(String expression) {
        try {
            return new Compiled(CEL.createProgram(CEL.compile(expression).getAst()), null);
        } catch (CelValidationException e) {
            // "ERROR: <input>:1:12: expected type 'bool' but found 'int'" plus a caret drawing: keep the first line.
            String first = e.getMessage().lines().findFirst().orElse(e.getMessage());
            return new Compiled(null, first.replace("ERROR: <input>:", "at "));
        } catch (CelEvaluationException e) {
            return new Compiled(null, e.getMessage());
        }
    }
}
