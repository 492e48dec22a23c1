package dev.radiostream.bench.baseline;

import java.util.Map;
import java.util.function.Supplier;

/** Runs a baseline's main loop with its /status server, and stops it cleanly on SIGTERM. */
final class BaselineRunner {

    interface Loop {
        void run() throws Exception;
    }

    private BaselineRunner() {
    }

    static void run(Loop loop, Runnable stop, Supplier<Map<String, Object>> status, int port) throws Exception {
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (StatusServer server = new StatusServer(port, status)) {
            loop.run();
        }
    }
}
