package dev.radiostream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceKafkaSettingsTest {

    @Test
    void theModulesPropertiesWinOverTheCommonOnesAndSetWinsLast() {
        String common = "spark.master=local[*]\nkafka.consumer.\"max.poll.records\"=10000\nkafka.consumer.\"fetch.max.wait.ms\"=100\n";
        String module = "kafka.bootstrap-servers=127.0.0.1:9092\nkafka.consumer.fetch.max.wait.ms = 50\n";
        assertEquals(Map.of("max.poll.records", "10000", "fetch.max.wait.ms", "50"),
                ServiceKafkaSettings.select(List.of(common, module), Map.of()));
        assertEquals(Map.of("max.poll.records", "500", "fetch.max.wait.ms", "50"),
                ServiceKafkaSettings.select(List.of(common, module),
                        Map.of("kafka.consumer.max.poll.records", "500", "spark.sql.shuffle.partitions", "2")));
    }

    @Test
    void noneWhenNothingIsSet() {
        assertEquals(Map.of(), ServiceKafkaSettings.select(List.of("kafka.bootstrap-servers=x\n", ""), Map.of()));
    }
}
