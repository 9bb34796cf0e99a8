package io.tenantwatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version the build stamped into {@code build.properties}: what {@code --version} of every
 * command prints and the {@code tenantwatch_build_info} metric carries. Read from a resource, not
 * the jar manifest, so that it is the same from the packaged jar, from classes and in tests.
 */
public final class Version implements CommandLine.IVersionProvider {

    private static final String VERSION = load();

    /** The build's version, such as {@code 0.1.0}. */
    public static String current() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "tenantwatch " + VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the build");
            }
            Properties props = new Properties();
            props.load(in);
            String version = props.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("build.properties was not filled in by the build: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties", e);
        }
    }
}
