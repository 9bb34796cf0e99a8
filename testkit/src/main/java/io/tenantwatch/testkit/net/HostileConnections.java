package io.tenantwatch.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections that an attacker holds open against an HTTP port, each from a loopback address of
 * its own choosing ({@code 127.0.0.2}…: Linux answers the whole 127/8 on lo), so that a
 * legitimate client on 127.0.0.1 is another peer: ones that send nothing, and ones that send the
 * start of a request and then fall silent. Closing closes them all.
 */
public final class HostileConnections implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    /** {@code count} connections from {@code from} that send nothing at all. */
    public HostileConnections idle(int port, String from, int count) {
        for (int i = 0; i < count; i++) {
            sockets.add(connect(port, from));
        }
        return this;
    }

    /** {@code count} connections from {@code from} that send half a request line and headers, then nothing. */
    public HostileConnections slowHeaders(int port, String from, int count) {
        for (int i = 0; i < count; i++) {
            Socket s = connect(port, from);
            try {
                s.getOutputStream()
                        .write("POST /v1/audit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty"
                                .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException e) {
                // closed on arrival (a connection limit): it stays in the list, closed
            }
            sockets.add(s);
        }
        return this;
    }

    public List<Socket> sockets() {
        return sockets;
    }

    /** How many of them the server has closed, waiting up to {@code timeoutMillis} on each that is still open. */
    public int closedByServer(int timeoutMillis) {
        int closed = 0;
        for (Socket s : sockets) {
            if (isClosedByServer(s, timeoutMillis)) {
                closed++;
            }
        }
        return closed;
    }

    /** True when the server ended the connection (end of stream or reset) within the timeout. */
    public static boolean isClosedByServer(Socket s, int timeoutMillis) {
        try {
            s.setSoTimeout(timeoutMillis);
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static Socket connect(int port, String from) {
        try {
            return new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect from " + from + " to port " + port, e);
        }
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
