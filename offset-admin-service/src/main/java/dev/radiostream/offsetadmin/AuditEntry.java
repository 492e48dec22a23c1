package dev.radiostream.offsetadmin;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the audit table offset_resets: one partition of one change made by this tool.
 *
 * @param changeId  shared by all rows of one command run
 * @param oldOffset the stored next offset before (null: none was stored)
 * @param newOffset the stored next offset after (null: deleted)
 * @param action    what was run, e.g. {@code reset --to-offset 42} or {@code delete}
 * @param forced    the consumer was running and --force was given
 * @param operator  user@host that ran it
 */
public record AuditEntry(UUID changeId, Instant changedAt, String consumer, String topic, int partition,
        Long oldOffset, Long newOffset, String action, boolean forced, String operator, String reason) {
}
