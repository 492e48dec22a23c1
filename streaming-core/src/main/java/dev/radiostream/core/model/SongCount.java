package dev.radiostream.core.model;

/**
 * The running total of plays of one song on one radio: the record published on the song-counts topic.
 */
public record SongCount(String radio, String artist, String title, long count) {

    /** Kafka record key and Elasticsearch document id: every total of one song goes to one partition, in order. */
    public String key() {
        return key(radio, artist, title);
    }

    /** The same song with another total. */
    public SongCount withCount(long newCount) {
        return new SongCount(radio, artist, title, newCount);
    }

    public static String key(String radio, String artist, String title) {
        return radio + "|" + artist + "|" + title;
    }
}
