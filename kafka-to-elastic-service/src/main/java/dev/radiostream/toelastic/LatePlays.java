package dev.radiostream.toelastic;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Plays not indexed because their event time was older than the watermark (plays mode): one number, shown as
 * /status lateRowsDropped and read by the counter consumer_plays_late_total{consumer, topic}, so the two never
 * disagree.
 */
@ApplicationScoped
public class LatePlays {

    private final MeterRegistry registry;
    private final AtomicLong dropped = new AtomicLong();

    public LatePlays(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Exports the counter for the consumer and topic (at 0 before the first late play); idempotent. */
    void track(String consumer, String topic) {
        FunctionCounter.builder("consumer.plays.late", dropped, AtomicLong::get)
                .description("Plays older than the event-time watermark, dropped without being indexed")
                .tags("consumer", consumer, "topic", topic).register(registry);
    }

    void add(long plays) {
        dropped.addAndGet(plays);
    }

    long count() {
        return dropped.get();
    }
}
