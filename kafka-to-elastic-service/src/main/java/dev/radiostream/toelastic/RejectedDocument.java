package dev.radiostream.toelastic;

import java.io.Serializable;

/** A document Elasticsearch refused: its id and why (Elasticsearch's error and the document). */
public record RejectedDocument(String id, String reason) implements Serializable {
}
