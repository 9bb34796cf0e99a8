package io.tenantwatch.app.reliability;

import io.tenantwatch.app.service.ServiceConfig;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.app.service.TopicLayout;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.schemas.Topics;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The service in a JVM of its own, for tests that kill it: {@code ServiceMain DATA_DIR TOKEN}
 * starts what {@code tenantwatch run} starts (embedded broker under DATA_DIR, no tenancy file,
 * default detectors), prints {@code READY <receiver port> <bootstrap servers>} once it is ready,
 * and runs until it is stopped (cleanly on SIGTERM) or killed.
 */
public final class ServiceMain {

    private ServiceMain() {}

    public static void main(String[] args) throws InterruptedException {
        ServiceConfig options = ServiceConfig.builder(Path.of(args[0]))
                .allParts("default", BearerTokens.of(args[1]))
                .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1))
                .build();
        TenantWatchService service = new TenantWatchService(options).start(alert -> {});
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        while (!service.ready()) {
            Thread.sleep(50);
        }
        System.out.println("READY " + service.receiverPort() + " " + service.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
