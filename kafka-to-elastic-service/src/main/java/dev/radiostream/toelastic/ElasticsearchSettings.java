package dev.radiostream.toelastic;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Elasticsearch is (elasticsearch.url, environment ELASTICSEARCH_URL). The connector's own settings
 * are the es.* keys of the configuration (see {@link ConnectorOptions}).
 */
@ConfigMapping(prefix = "elasticsearch")
public interface ElasticsearchSettings {

    @WithDefault("http://127.0.0.1:9200")
    URI url();

    /** Timeout of the service's own requests (index creation); the connector has es.http.timeout. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Timeout of the readiness probe's request: a hanging Elasticsearch must not hang readiness. */
    @WithDefault("2s")
    Duration probeTimeout();
}
