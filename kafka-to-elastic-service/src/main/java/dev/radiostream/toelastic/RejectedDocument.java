package dev.radiostream.toelastic;

import java.io.Serializable;

/**
 * A document Elasticsearch refused: its id, the Kafka record it comes from (partition -1 when it could not be
 * traced), and why (Elasticsearch's error and the document).
 */
public record RejectedDocument(String id, int partition, long offset, String reason) implements Serializable {

    boolean traced() {
        return partition >= 0;
    }
}
