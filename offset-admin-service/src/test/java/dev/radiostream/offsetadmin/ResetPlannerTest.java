package dev.radiostream.offsetadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.radiostream.offsetadmin.ResetTarget.ShiftBy;
import dev.radiostream.offsetadmin.ResetTarget.ToDatetime;
import dev.radiostream.offsetadmin.ResetTarget.ToEarliest;
import dev.radiostream.offsetadmin.ResetTarget.ToLatest;
import dev.radiostream.offsetadmin.ResetTarget.ToOffset;

/** The reset semantics without any server. Topic t: partition 0 [0, 100], 1 [10, 50], 2 [0, 0] (empty). */
class ResetPlannerTest {

    private static final TopicBounds TOPIC = new TopicBounds("t", List.of(0, 1, 2),
            Map.of(0, 0L, 1, 10L, 2, 0L), Map.of(0, 100L, 1, 50L, 2, 0L));
    /** Stored: partition 0 at 40, partition 1 at 20, partition 2 nothing. */
    private static final Map<Integer, Long> STORED = Map.of(0, 40L, 1, 20L);
    private static final Function<Instant, Map<Integer, Long>> NO_TIME_LOOKUP = time -> {
        throw new AssertionError("offsets-for-times must only be asked for --to-datetime");
    };

    private static ResetPlan plan(ResetTarget target, Set<Integer> partitions) {
        return ResetPlanner.plan("c", TOPIC, STORED, target, partitions, NO_TIME_LOOKUP);
    }

    @Test
    void toEarliestMovesEveryPartitionToItsEarliest() {
        ResetPlan plan = plan(new ToEarliest(), Set.of());
        assertEquals(Map.of(0, 0L, 1, 10L, 2, 0L), plan.newOffsets());
        assertEquals(List.of(), plan.warnings());
        assertEquals("c", plan.consumer());
        assertEquals("t", plan.topic());
    }

    @Test
    void toLatestMovesEveryPartitionToItsLatest() {
        ResetPlan plan = plan(new ToLatest(), Set.of());
        assertEquals(Map.of(0, 100L, 1, 50L, 2, 0L), plan.newOffsets());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void oldOffsetsAreTheStoredOnesAndNullWhereNothingIsStored() {
        ResetPlan plan = plan(new ToLatest(), Set.of());
        assertEquals(40L, plan.changes().get(0).oldOffset());
        assertEquals(20L, plan.changes().get(1).oldOffset());
        assertNull(plan.changes().get(2).oldOffset());
        assertTrue(plan.changes().get(2).changes());
        assertEquals(0L, plan.changes().get(2).earliestOffset());
        assertEquals(100L, plan.changes().get(0).latestOffset());
    }

    @Test
    void toOffsetWithinBoundsIsTakenAsIs() {
        ResetPlan plan = plan(new ToOffset(30), Set.of(0, 1));
        assertEquals(Map.of(0, 30L, 1, 30L), plan.newOffsets());
        assertEquals(List.of(), plan.warnings());
        assertFalse(plan.changes().get(0).clamped());
    }

    @Test
    void toOffsetAboveLatestIsClampedWithAWarning() {
        ResetPlan plan = plan(new ToOffset(70), Set.of());
        assertEquals(Map.of(0, 70L, 1, 50L, 2, 0L), plan.newOffsets());
        assertEquals(List.of(
                "partition 1: target offset 70 is after the latest offset 50 in Kafka; clamped to 50",
                "partition 2: target offset 70 is after the latest offset 0 in Kafka; clamped to 0"), plan.warnings());
        assertFalse(plan.changes().get(0).clamped());
        assertTrue(plan.changes().get(1).clamped());
    }

    @Test
    void toOffsetBelowEarliestIsClampedWithAWarning() {
        ResetPlan plan = plan(new ToOffset(5), Set.of(1));
        assertEquals(Map.of(1, 10L), plan.newOffsets());
        assertEquals(List.of("partition 1: target offset 5 is before the earliest offset 10 in Kafka; clamped to 10"),
                plan.warnings());
    }

    @Test
    void negativeToOffsetIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> plan(new ToOffset(-1), Set.of()));
        assertEquals("--to-offset must be 0 or more, not -1", e.getMessage());
    }

    @Test
    void shiftByPositiveMovesForwardFromTheStoredOffset() {
        ResetPlan plan = plan(new ShiftBy(5), Set.of(0, 1));
        assertEquals(Map.of(0, 45L, 1, 25L), plan.newOffsets());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void shiftByNegativeMovesBackFromTheStoredOffset() {
        ResetPlan plan = plan(new ShiftBy(-5), Set.of(0, 1));
        assertEquals(Map.of(0, 35L, 1, 15L), plan.newOffsets());
    }

    @Test
    void shiftByIsClampedAtBothEnds() {
        ResetPlan back = plan(new ShiftBy(-15), Set.of(1));
        assertEquals(Map.of(1, 10L), back.newOffsets());
        assertEquals(List.of("partition 1: target offset 5 is before the earliest offset 10 in Kafka; clamped to 10"),
                back.warnings());
        ResetPlan forward = plan(new ShiftBy(1000), Set.of(0));
        assertEquals(Map.of(0, 100L), forward.newOffsets());
        assertEquals(List.of("partition 0: target offset 1040 is after the latest offset 100 in Kafka; clamped to 100"),
                forward.warnings());
    }

    @Test
    void shiftByFromNothingStoredStartsFromEarliest() {
        TopicBounds topic = new TopicBounds("t", List.of(0), Map.of(0, 7L), Map.of(0, 100L));
        ResetPlan plan = ResetPlanner.plan("c", topic, Map.of(), new ShiftBy(3), Set.of(), NO_TIME_LOOKUP);
        assertEquals(Map.of(0, 10L), plan.newOffsets());
        assertNull(plan.changes().get(0).oldOffset());
        assertEquals(List.of("partition 0: no stored offset, shifting from the earliest offset 7"), plan.warnings());
    }

    @Test
    void shiftByDoesNotOverflow() {
        ResetPlan plan = plan(new ShiftBy(Long.MAX_VALUE), Set.of(0));
        assertEquals(Map.of(0, 100L), plan.newOffsets());
        ResetPlan back = plan(new ShiftBy(Long.MIN_VALUE), Set.of(0));
        assertEquals(Map.of(0, 0L), back.newOffsets());
    }

    @Test
    void toDatetimeUsesOffsetsForTimesAndLatestWhereThereIsNoLaterRecord() {
        Instant time = Instant.parse("2024-05-01T12:00:00Z");
        ResetPlan plan = ResetPlanner.plan("c", TOPIC, STORED, new ToDatetime(time), Set.of(), asked -> {
            assertEquals(time, asked);
            return Map.of(0, 60L, 1, -1L);
        });
        assertEquals(Map.of(0, 60L, 1, 50L, 2, 0L), plan.newOffsets());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void toDatetimeResultsAreClampedToo() {
        ResetPlan plan = ResetPlanner.plan("c", TOPIC, STORED, new ToDatetime(Instant.EPOCH), Set.of(1),
                asked -> Map.of(1, 3L));
        assertEquals(Map.of(1, 10L), plan.newOffsets());
        assertEquals(1, plan.warnings().size());
    }

    @Test
    void partitionFilterSelectsOnlyThosePartitionsInOrder() {
        ResetPlan plan = plan(new ToEarliest(), Set.of(2, 0));
        assertEquals(List.of(0, 2), plan.changes().stream().map(ResetPlan.Change::partition).toList());
    }

    @Test
    void partitionThatDoesNotExistIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> plan(new ToEarliest(), Set.of(1, 7)));
        assertEquals("partition 7 does not exist in topic t (partitions 0-2)", e.getMessage());
        assertThrows(BadInputException.class, () -> plan(new ToEarliest(), Set.of(-1)));
    }

    @Test
    void unchangedPartitionIsMarkedSo() {
        ResetPlan plan = plan(new ToOffset(40), Set.of(0));
        assertFalse(plan.changes().get(0).changes());
    }

    @Test
    void targetsDescribeTheirOption() {
        assertEquals("--to-earliest", new ToEarliest().describe());
        assertEquals("--to-latest", new ToLatest().describe());
        assertEquals("--to-offset 3", new ToOffset(3).describe());
        assertEquals("--shift-by -3", new ShiftBy(-3).describe());
        assertEquals("--to-datetime 2024-05-01T12:00:00Z", new ToDatetime(Instant.parse("2024-05-01T12:00:00Z")).describe());
    }

    @Test
    void partitionsAreDescribedAsARangeOrAList() {
        assertEquals("0-2", TOPIC.describePartitions());
        assertEquals("0, 2", new TopicBounds("x", List.of(0, 2), Map.of(), Map.of()).describePartitions());
        assertEquals("0", new TopicBounds("x", List.of(0), Map.of(), Map.of()).describePartitions());
    }
}
