package io.tenantwatch.app;

import picocli.CommandLine.Option;

/**
 * {@code --debug}, a picocli mixin on every command: {@link Failures} prints stack traces only when
 * it was given, so users see one clear line by default.
 */
public final class DebugOption {

    @Option(names = "--debug", description = "Print stack traces of failures.")
    boolean debug;
}
