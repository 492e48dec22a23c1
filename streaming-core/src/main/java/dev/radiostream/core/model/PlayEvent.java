package dev.radiostream.core.model;

/**
 * One broadcast of a song on a radio, as published on the radio-plays topic.
 *
 * @param eventId   stable id of the play (the same play always gets the same id), used to de-duplicate replays
 * @param timestamp event time in epoch milliseconds
 */
public record PlayEvent(String eventId, String radio, long timestamp, String artist, String title) {
}
