package dev.radiostream.offsetadmin;

import java.time.Instant;

/** Where a reset moves a consumer, as in kafka-consumer-groups --reset-offsets. */
public sealed interface ResetTarget {

    /** The option that chose it, e.g. {@code --to-offset 42}: shown in plans and written to the audit log. */
    String describe();

    record ToEarliest() implements ResetTarget {
        @Override
        public String describe() {
            return "--to-earliest";
        }
    }

    record ToLatest() implements ResetTarget {
        @Override
        public String describe() {
            return "--to-latest";
        }
    }

    record ToOffset(long offset) implements ResetTarget {
        @Override
        public String describe() {
            return "--to-offset " + offset;
        }
    }

    /** Moves the stored offset by delta (negative: back, to re-read); from nothing stored it starts at earliest. */
    record ShiftBy(long delta) implements ResetTarget {
        @Override
        public String describe() {
            return "--shift-by " + delta;
        }
    }

    /** The first offset whose record timestamp is at or after the time (latest where there is none). */
    record ToDatetime(Instant time) implements ResetTarget {
        @Override
        public String describe() {
            return "--to-datetime " + time;
        }
    }
}
