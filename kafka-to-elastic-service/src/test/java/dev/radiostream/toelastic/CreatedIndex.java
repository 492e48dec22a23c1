package dev.radiostream.toelastic;

/** The index a test class wrote, deleted when the class is done: the stack's Elasticsearch outlives the tests. */
final class CreatedIndex {

    private static volatile String url;
    private static volatile String index;

    private CreatedIndex() {
    }

    static void remember(String elasticsearchUrl, String indexName) {
        url = elasticsearchUrl;
        index = indexName;
    }

    static void delete() {
        if (index != null) {
            try {
                new ElasticsearchTestClient(url).deleteIndex(index);
            } catch (RuntimeException e) {
                // Elasticsearch is gone already: nothing to clean
            }
            index = null;
        }
    }
}
