package dev.radiostream.spark.records;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * Declared Spark schemas of the data sets and topics. Streaming file sources need a declared schema,
 * and declaring it also makes a file with another schema fail loudly instead of being guessed.
 */
public final class Schemas {

    /**
     * The columns stored in each file of allRadioPartitionByRadioAndDate.parquet. The partition columns
     * radio, year, month, day exist only in the directory names and are appended by Spark.
     */
    public static final StructType RADIO_PLAY_FILE = new StructType()
            .add("timestamp", IntegerType)
            .add("humanDate", LongType)
            .add("hour", IntegerType)
            .add("minute", IntegerType)
            .add("artist", StringType)
            .add("allArtists", StringType)
            .add("title", StringType);

    /** The partition columns of allRadioPartitionByRadioAndDate.parquet, taken from the directory names. */
    public static final StructType RADIO_PLAY_PARTITIONS = new StructType()
            .add("radio", StringType)
            .add("year", IntegerType)
            .add("month", IntegerType)
            .add("day", IntegerType);

    /**
     * Every column of the partitioned data set, the partition columns included (as written with partitionBy).
     * producer-service reads only {@link #RADIO_PLAY_FILE} and takes the radio from the directory itself.
     */
    public static final StructType RADIO_PLAY = merge(RADIO_PLAY_FILE, RADIO_PLAY_PARTITIONS);

    /** broadcast.parquet: every play with its event time; radio/year/month/day are real columns here. */
    public static final StructType BROADCAST = new StructType()
            .add("timestamp", TimestampType)
            .add("title", StringType)
            .add("artist", StringType)
            .add("humanDate", LongType)
            .add("hour", IntegerType)
            .add("minute", IntegerType)
            .add("allArtists", StringType)
            .add("month", IntegerType)
            .add("day", IntegerType)
            .add("radio", StringType)
            .add("year", IntegerType);

    /** JSON value of the song-counts topic. */
    public static final StructType SONG_COUNT = new StructType()
            .add("radio", StringType)
            .add("artist", StringType)
            .add("title", StringType)
            .add("count", LongType);

    /** A running total is never negative: every song-counts consumer rejects one that is. */
    public static final KafkaRecords.Rule SONG_COUNT_NOT_NEGATIVE =
            new KafkaRecords.Rule("negative count", song -> song.number("count") < 0);

    /** JSON value of the radio-plays topic; timestamp is epoch milliseconds. */
    public static final StructType PLAY_EVENT = new StructType()
            .add("eventId", StringType)
            .add("radio", StringType)
            .add("timestamp", LongType)
            .add("artist", StringType)
            .add("title", StringType);

    private Schemas() {
    }

    private static StructType merge(StructType first, StructType second) {
        StructType merged = first;
        for (var field : second.fields()) {
            merged = merged.add(field);
        }
        return merged;
    }
}
