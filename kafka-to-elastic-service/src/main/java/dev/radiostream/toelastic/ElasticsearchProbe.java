package dev.radiostream.toelastic;

import jakarta.enterprise.context.ApplicationScoped;

import dev.radiostream.core.health.DependencyProbe;

/** Elasticsearch is usable when it answers GET / the way the connector requires. */
@ApplicationScoped
public class ElasticsearchProbe implements DependencyProbe {

    private final ElasticsearchIndices indices;

    public ElasticsearchProbe(ElasticsearchIndices indices) {
        this.indices = indices;
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public String address() {
        return indices.address();
    }

    @Override
    public void check() throws Exception {
        indices.ping();
    }
}
