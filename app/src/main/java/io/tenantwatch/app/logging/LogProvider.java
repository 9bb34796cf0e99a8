package io.tenantwatch.app.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.simple.SimpleLoggerFactory;
import org.slf4j.simple.SimpleServiceProvider;

/**
 * SLF4J simple, with its levels and its text lines from simplelogger.properties, whose loggers can
 * switch to JSON lines ({@link LogFormat}) after they were created: loggers are static fields made
 * when their classes load, long before {@code run} has parsed {@code --log-format}. Selected by the
 * {@code slf4j.provider} system property ({@link #select()}), since slf4j-simple registers its own
 * provider too and SLF4J would otherwise warn and pick one by class-path order.
 */
public final class LogProvider extends SimpleServiceProvider {

    private ILoggerFactory factory;

    /** Chooses this provider; must run before the first logger is made (first thing in main). */
    public static void select() {
        System.setProperty("slf4j.provider", LogProvider.class.getName());
        // SLF4J announces an explicitly chosen provider on stderr, which carries replay's summary.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

    @Override
    public void initialize() {
        super.initialize();
        factory = new SimpleLoggerFactory() {
            @Override
            protected Logger createLogger(String name) {
                return new SwitchableLogger(name);
            }
        };
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }
}
