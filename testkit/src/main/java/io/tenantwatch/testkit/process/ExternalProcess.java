package io.tenantwatch.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A program a test starts next to itself (Prometheus, Alertmanager, the service in a child JVM),
 * the one place that knows how to wait for it and how to stop it. Its output goes to a log file in
 * the test's directory, which stays there and is quoted when the program does not come up, so a
 * failure says why without a rerun. Closing stops it (SIGTERM, then SIGKILL), so a failed test
 * leaves nothing running.
 */
public final class ExternalProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration EXIT_AFTER_KILL = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;

    private ExternalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with its standard output and error both written to {@code log}. */
    public static ExternalProcess start(String name, List<String> command, Path log) throws IOException {
        return start(name, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()), log);
    }

    /**
     * Starts a program whose redirections the caller set up (to read its standard output, say);
     * {@code log} is the file the builder sends its diagnostics to.
     */
    public static ExternalProcess start(String name, ProcessBuilder builder, Path log) throws IOException {
        return new ExternalProcess(name, builder.start(), log);
    }

    /**
     * Polls {@code ready} until it holds. When the program exits first, or {@code timeout} passes,
     * the program is stopped and the wait fails with its log.
     */
    public void awaitReady(Duration timeout, Duration poll, BooleanSupplier ready) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with code " + process.exitValue()
                        + " before it was ready; its log " + log + ":\n" + logText());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new AssertionError(
                        name + " was not ready within " + timeout + "; its log " + log + ":\n" + logText());
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** {@link #awaitReady} until a GET of {@code url} answers 200 (a readiness endpoint such as {@code /-/ready}). */
    public void awaitHttpOk(String url, Duration timeout, Duration poll) throws InterruptedException {
        awaitReady(timeout, poll, () -> status(url) == 200);
    }

    /** The program's standard output, when the builder left it a pipe. */
    public InputStream output() {
        return process.getInputStream();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** What the program logged so far (a note instead when the log cannot be read). */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** SIGTERM, and SIGKILL when it has not exited within {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(EXIT_AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hook runs and nothing is flushed; fails when the program is still there after it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the killed " + name + " did not exit");
        }
    }

    /** {@link #stop} with ten seconds to exit cleanly. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private static int status(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(2))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
