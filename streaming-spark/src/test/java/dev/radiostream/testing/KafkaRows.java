package dev.radiostream.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Hand-made rows shaped like Spark's Kafka source, for unit tests of what consumers do with them. */
public final class KafkaRows {

    /** The columns of Spark's Kafka source that the consumers read. */
    public static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType);

    private KafkaRows() {
    }

    /** One record of the song-counts topic with a UTF-8 value (null: no value). */
    public static Row row(String value, int partition, long offset) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return RowFactory.create(null, bytes, "song-counts", partition, offset, new Timestamp(0));
    }

    public static Dataset<Row> of(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, SCHEMA);
    }
}
