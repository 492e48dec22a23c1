package dev.radiostream.testing;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import dev.radiostream.core.model.SongCount;
import dev.radiostream.spark.records.Schemas;

/**
 * A small radio-plays data set with the real layout (radio=/year=/month=/day= directories, several files),
 * titles with straight and typographic apostrophes, quotes and accents, and its true counts computed here,
 * independently of the code under test.
 */
public final class GeneratedPlays {

    public static final String[] RADIOS = {"nova", "skyrock"};
    public static final String[] ARTISTS = {"Drake", "Céline Dion", "Guns N' Roses"};
    public static final String[] TITLES = {"Hotline Bling", "God's Plan", "Hold On We’Re Going Home", "L'été indien",
            "Café \"del\" Mar", "Ça plane pour moi"};

    private final List<Row> plays;

    private GeneratedPlays(List<Row> plays) {
        this.plays = plays;
    }

    /** {@code count} plays spread over two radios and {@code days} days, chosen by a seeded random. */
    public static GeneratedPlays make(long seed, int count, int days) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2016, 3, 1, 0, 0);
        for (int i = 0; i < count; i++) {
            LocalDateTime time = start.plusDays(random.nextInt(days)).plusMinutes(random.nextInt(24 * 60));
            String artist = ARTISTS[random.nextInt(ARTISTS.length)];
            String title = TITLES[random.nextInt(TITLES.length)];
            long epochSecond = time.toEpochSecond(ZoneOffset.UTC);
            rows.add(RowFactory.create((int) epochSecond, epochSecond * 1000, time.getHour(), time.getMinute(), artist,
                    artist, title, RADIOS[random.nextInt(RADIOS.length)], time.getYear(), time.getMonthValue(),
                    time.getDayOfMonth()));
        }
        return new GeneratedPlays(rows);
    }

    /** Writes the plays as Parquet partitioned like allRadioPartitionByRadioAndDate.parquet. */
    public void writeParquet(SparkSession spark, Path directory) {
        spark.createDataFrame(plays, Schemas.RADIO_PLAY)
                .repartition(2)
                .write().mode(SaveMode.Overwrite)
                .partitionBy("radio", "year", "month", "day")
                .parquet(directory.toString());
    }

    /** Writes the same plays as a broadcast.parquet-like data set (flat files, event timestamp, radio column). */
    public void writeBroadcastParquet(SparkSession spark, Path directory) {
        List<Row> broadcast = new ArrayList<>();
        for (Row play : plays) {
            broadcast.add(RowFactory.create(new java.sql.Timestamp(play.getInt(0) * 1000L), play.getString(6),
                    play.getString(4), play.getLong(1), play.getInt(2), play.getInt(3), play.getString(5),
                    play.getInt(9), play.getInt(10), play.getString(7), play.getInt(8)));
        }
        spark.createDataFrame(broadcast, Schemas.BROADCAST).repartition(3)
                .write().mode(SaveMode.Overwrite).parquet(directory.toString());
    }

    /** Plays per radio. */
    public Map<String, Long> playsPerRadio() {
        Map<String, Long> counts = new TreeMap<>();
        for (Row play : plays) {
            counts.merge(play.getString(7), 1L, Long::sum);
        }
        return counts;
    }

    /** The true total per key radio|artist|title, for one artist or for all (artist null). */
    public Map<String, Long> expectedCounts(String artist) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row play : plays) {
            String playArtist = play.getString(4);
            if (artist == null || artist.equals(playArtist)) {
                counts.merge(SongCount.key(play.getString(7), playArtist, play.getString(6)), 1L, Long::sum);
            }
        }
        return counts;
    }

    public int size() {
        return plays.size();
    }
}
