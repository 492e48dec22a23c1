package dev.radiostream.offsetadmin.dashboard;

import java.time.Instant;

/**
 * One service's tile: what its readiness and /status said at the last look.
 *
 * @param state            UP (ready), DOWN (answers, not ready) or UNREACHABLE (no answer: stopped, crashed, hung)
 * @param reason           why it is not UP (the DOWN checks, or the connection error); null when UP
 * @param phase            the query's phase from /status (RUNNING, RESTARTING...); null without /status
 * @param recordsPerSecond records its query read per second since the previous look (finished batches only)
 * @param sparkUi          its Spark UI when the service has one on (/status sparkUi), else null
 */
public record ServiceTile(String name, String url, String state, String reason, String phase, Long restarts,
        Long totalInputRows, Double recordsPerSecond, String sparkUi, Instant checkedAt) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String UNREACHABLE = "UNREACHABLE";
}
