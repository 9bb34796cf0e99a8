package io.tenantwatch.app.reliability;

import io.tenantwatch.testkit.process.ExternalProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ServiceMain} in a child JVM with the test's class path, so that it can be killed with
 * SIGKILL; its standard error goes to the log, its standard output is drained (so it never blocks)
 * for the line that says it is ready and where it listens.
 */
final class ChildService implements AutoCloseable {

    private final ExternalProcess process;
    private final int receiverPort;
    private final String bootstrapServers;

    private ChildService(ExternalProcess process, int receiverPort, String bootstrapServers) {
        this.process = process;
        this.receiverPort = receiverPort;
        this.bootstrapServers = bootstrapServers;
    }

    static ChildService start(Path dataDir, String token, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExternalProcess process = ExternalProcess.start(
                "the service",
                new ProcessBuilder(List.of(
                                java,
                                "-Xmx384m",
                                "-XX:+UseSerialGC",
                                "-cp",
                                System.getProperty("java.class.path"),
                                ServiceMain.class.getName(),
                                dataDir.toString(),
                                token))
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())),
                log);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread drain = new Thread(
                () -> {
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(process.output(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            if (line.startsWith("READY ")) {
                                ready.complete(line);
                            }
                        }
                    } catch (IOException e) {
                        // the process is gone
                    } finally {
                        ready.completeExceptionally(
                                new IllegalStateException("the service exited before it was ready; see " + log));
                    }
                },
                "child-service-stdout");
        drain.setDaemon(true);
        drain.start();
        try {
            String[] line = ready.get(120, TimeUnit.SECONDS).split(" ");
            return new ChildService(process, Integer.parseInt(line[1]), line[2]);
        } catch (ExecutionException | TimeoutException e) {
            process.kill();
            throw new IllegalStateException("the service did not become ready; see " + log, e);
        }
    }

    int receiverPort() {
        return receiverPort;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** SIGKILL: no shutdown hook, no clean broker shutdown, nothing flushed. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM: the service closes cleanly, given a minute. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(60));
    }
}
