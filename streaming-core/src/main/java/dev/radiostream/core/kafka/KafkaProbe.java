package dev.radiostream.core.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import dev.radiostream.core.health.DependencyProbe;

/** Kafka is usable when the cluster answers a describe request. */
@ApplicationScoped
public class KafkaProbe implements DependencyProbe {

    private final KafkaAdmin admin;
    private final KafkaSettings settings;

    public KafkaProbe(KafkaAdmin admin, KafkaSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return settings.bootstrapServers();
    }

    @Override
    public void check() {
        admin.clusterId();
    }
}
