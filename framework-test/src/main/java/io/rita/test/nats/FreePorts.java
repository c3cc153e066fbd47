package io.rita.test.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports that are free on loopback at the moment of asking: the operating system's choice for a
 * socket bound to port 0. They are free only until someone else binds them, so whoever uses one
 * must cope with "address already in use".
 */
final class FreePorts {

    private FreePorts() {
    }

    /** {@code count} distinct ports, all held open together while they are picked. */
    static int[] pick(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on loopback", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a listening socket that never accepted cannot lose anything
                    }
                }
            }
        }
    }
}
