package dev.radiostream.spark.records;

import java.util.Locale;

/**
 * Why a record was rejected, as one of a few fixed categories: the {@code reason} label of
 * consumer_records_rejected_total. The dead-letter table keeps the full reason text, which names fields, sizes and
 * Elasticsearch's error, far too many values for a label.
 */
public enum RejectReason {
    /** A record without a value (a tombstone). */
    EMPTY_VALUE,
    /** A value over the consumer's max record bytes. */
    TOO_LARGE,
    /** Not JSON, or JSON but not an object. */
    MALFORMED_JSON,
    /** A field of the schema with another JSON type. */
    WRONG_TYPE,
    /** A field of the schema absent or null. */
    MISSING_FIELD,
    /** Parsed, but refused by one of the consumer's rules (a negative count, a blank id, a time in the future...). */
    INVALID_VALUE,
    /** Valid, but the store refused it (Elasticsearch's bulk error). */
    REFUSED_BY_SINK;

    /** The label value: the name in lower case ({@code malformed_json}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category of a reason given while parsing and judging a record ({@link JsonValueParser}). */
    public static RejectReason of(String reason) {
        RejectReason parsing = JsonValueParser.reasonOf(reason);
        // Whatever the parser did not say comes from a rule.
        return parsing == null ? INVALID_VALUE : parsing;
    }
}
