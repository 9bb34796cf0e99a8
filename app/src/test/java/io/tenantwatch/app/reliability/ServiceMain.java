package io.tenantwatch.app.reliability;

import io.tenantwatch.app.service.ServiceOptions;
import io.tenantwatch.app.service.TenantWatchService;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.schemas.TenancyConfig;
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
        ServiceOptions options = new ServiceOptions(null, Path.of(args[0]), 0, 0, null, null, null, BearerTokens.of(args[1]),
                TenancyConfig.EMPTY, DetectorConfig.DEFAULTS, null, "default", Topics.DEFAULT_PREFIX, 2, (short) 1);
        TenantWatchService service = new TenantWatchService(options).start(alert -> { });
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
