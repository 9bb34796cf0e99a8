package io.tenantwatch.app.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link ServiceMain} in a child JVM with the test's class path; its output is drained so it never blocks. */
final class ChildService implements AutoCloseable {

    private final Process process;
    private final int receiverPort;
    private final String bootstrapServers;

    private ChildService(Process process, int receiverPort, String bootstrapServers) {
        this.process = process;
        this.receiverPort = receiverPort;
        this.bootstrapServers = bootstrapServers;
    }

    static ChildService start(Path dataDir, String token, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), ServiceMain.class.getName(), dataDir.toString(), token))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                ready.completeExceptionally(new IllegalStateException("the service exited before it was ready; see " + log));
            }
        }, "child-service-stdout");
        drain.setDaemon(true);
        drain.start();
        try {
            String[] line = ready.get(120, TimeUnit.SECONDS).split(" ");
            return new ChildService(process, Integer.parseInt(line[1]), line[2]);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly().waitFor();
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
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed service did not exit");
        }
    }

    /** SIGTERM: the service closes cleanly. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
