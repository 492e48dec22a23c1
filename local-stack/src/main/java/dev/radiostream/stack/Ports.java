package dev.radiostream.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** TCP port checks. */
final class Ports {

    private Ports() {
    }

    /**
     * True when binding {@code host:port} fails, i.e. some process listens there (also when it listens on all
     * addresses). Connections lingering in TIME_WAIT do not count: the servers set SO_REUSEADDR as well.
     */
    static boolean isInUse(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** True when something accepts a TCP connection on {@code host:port}: a cheap check before a real request. */
    static boolean acceptsConnections(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
