package io.tenantwatch.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports on the loopback address that nothing listens on, for a program a test starts on a port of
 * its choosing (Prometheus, Alertmanager, a broker restarted on the same port) and for an address
 * that refuses connections. The port was free a moment ago; tests run one at a time per JVM.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
