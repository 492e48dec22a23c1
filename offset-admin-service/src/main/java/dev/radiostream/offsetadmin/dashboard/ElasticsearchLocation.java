package dev.radiostream.offsetadmin.dashboard;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Elasticsearch is for the dashboard's plays chart: the key kafka-to-elastic-service reads too
 * (elasticsearch.url, environment ELASTICSEARCH_URL), so one variable points both at the same server.
 */
@ConfigMapping(prefix = "elasticsearch")
public interface ElasticsearchLocation {

    @WithDefault("http://127.0.0.1:9200")
    URI url();
}
