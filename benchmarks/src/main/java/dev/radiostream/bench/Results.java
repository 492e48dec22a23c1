package dev.radiostream.bench;

import java.util.ArrayList;
import java.util.List;

/** Every measurement of one harness run, in the order taken. */
final class Results {

    /** One contender draining (or producing) the whole input once. */
    record Throughput(String section, String contender, int run, long items, double startToReadySeconds,
            double drainSeconds, double totalSeconds, ProcStats cost, String check, boolean checkOk) {

        /** Items per second from ready (consuming) to done. */
        double rateExcludingStart() {
            return items / drainSeconds;
        }

        /** Items per second from process start to done. */
        double rateIncludingStart() {
            return items / totalSeconds;
        }
    }

    /** One latency window of one contender. */
    record Latency(String contender, int window, int rate, int seconds, long p50Millis, long p99Millis,
            long maxMillis, long received, long missing, ProcStats cost) {
    }

    final List<Throughput> throughput = new ArrayList<>();
    final List<Latency> latency = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    List<Throughput> throughput(String section, String contender) {
        return throughput.stream().filter(t -> t.section().equals(section) && t.contender().equals(contender)).toList();
    }

    List<Latency> latency(String contender) {
        return latency.stream().filter(l -> l.contender().equals(contender)).toList();
    }
}
