package dev.radiostream.producer;

import java.net.URI;

import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * The radio of a file of the partitioned data set, from its radio=... directory: what Spark's partition
 * discovery would find, without it (see {@link SongCountsQuery} for why).
 */
final class RadioDirectory {

    private static final String SEGMENT = "/" + SongCountsQuery.RADIO + "=";

    private RadioDirectory() {
    }

    /**
     * @param fileUri the file's URI as Spark's input_file_name() gives it (URI-encoded)
     * @return the value of its innermost radio=... directory, unescaped as Spark unescapes partition values, or
     *         null for Hive's default partition (a null radio when written)
     * @throws IllegalArgumentException when the path has no radio=... directory (checked at start: SourceFiles)
     */
    static String radioOf(String fileUri) {
        String path = URI.create(fileUri).getPath();
        int start = path.lastIndexOf(SEGMENT);
        int end = start < 0 ? -1 : path.indexOf('/', start + SEGMENT.length());
        if (end < 0) {
            throw new IllegalArgumentException("no radio=... directory in the path of " + fileUri);
        }
        String value = path.substring(start + SEGMENT.length(), end);
        return value.equals(ExternalCatalogUtils.DEFAULT_PARTITION_NAME()) ? null
                : ExternalCatalogUtils.unescapePathName(value);
    }
}
