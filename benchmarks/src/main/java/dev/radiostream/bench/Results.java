package dev.radiostream.bench;

import java.util.ArrayList;
import java.util.List;

/** Every measurement of one harness run, in the order taken. */
final class Results {

    /**
     * One contender draining (or producing) the whole input once: the cold drain from process start, then for
     * the Kafka → store sections the warm drain of as many records appended while it runs.
     *
     * @param atReady the process's cost when it answered ready
     * @param cost    its cost when the cold drain was done (CPU) and at the end of the run (peak RSS)
     * @param warm    the warm drain; null for Parquet → Kafka, or when it failed
     * @param spill   the service's Spark spill at the end of the run; null for baselines and services without it
     */
    record Throughput(String section, String contender, int run, boolean baseline, long items,
            double startToReadySeconds, double drainSeconds, double totalSeconds, ProcStats atReady, ProcStats cost,
            Warm warm, Spill spill, String check, boolean checkOk) {

        /** Items per second from ready (consuming) to done. */
        double rateExcludingStart() {
            return items / drainSeconds;
        }

        /** Items per second from process start to done. */
        double rateIncludingStart() {
            return items / totalSeconds;
        }

        /** CPU seconds of the whole process until the cold drain was done, start-up included. */
        double cpuSeconds() {
            return cost.cpuSeconds() < 0 ? Double.NaN : cost.cpuSeconds();
        }

        /** CPU seconds from ready to the end of the cold drain. */
        double cpuFromReadySeconds() {
            return cost.cpuSecondsSince(atReady);
        }

        /** CPU microseconds per item from ready to the end of the cold drain. */
        double cpuMicrosPerItem() {
            return cpuFromReadySeconds() * 1e6 / items;
        }

        double warmRate() {
            return warm == null ? Double.NaN : warm.items() / warm.drainSeconds();
        }

        double warmCpuMicrosPerItem() {
            return warm == null ? Double.NaN : warm.cpuSeconds() * 1e6 / warm.items();
        }
    }

    /**
     * The warm drain: {@code items} records appended while the contender ran, timed from the first send to the
     * moment its /status nextOffsets reached the new end offsets.
     *
     * @param appendSeconds how long the harness took to send them (a warm drain cannot be shorter)
     * @param cpuSeconds    the contender's CPU seconds from the first send to done
     */
    record Warm(long items, double appendSeconds, double drainSeconds, double cpuSeconds) {
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
