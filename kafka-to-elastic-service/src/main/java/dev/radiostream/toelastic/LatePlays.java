package dev.radiostream.toelastic;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Plays that arrived older than the event-time watermark (plays mode), indexed all the same: one number, shown
 * as /status latePlays and read by the counter consumer_plays_late_total{consumer, topic}, so the two never
 * disagree.
 */
@ApplicationScoped
public class LatePlays {

    private final MeterRegistry registry;
    private final AtomicLong late = new AtomicLong();

    public LatePlays(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Exports the counter for the consumer and topic (at 0 before the first late play); idempotent. */
    void track(String consumer, String topic) {
        FunctionCounter.builder("consumer.plays.late", late, AtomicLong::get)
                .description("Plays older than the event-time watermark when they arrived, indexed all the same")
                .tags("consumer", consumer, "topic", topic).register(registry);
    }

    void add(long plays) {
        late.addAndGet(plays);
    }

    long count() {
        return late.get();
    }
}
