package dev.radiostream.spark.smoke;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.spark.query.RunMode;
import dev.radiostream.testing.Await;
import dev.radiostream.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A Spark Structured Streaming query inside Quarkus, supervised by the shared lifecycle, with readiness
 * reporting the query and the real Kafka and Cassandra servers of the local stack.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class StreamingSmokeTest {

    @Inject
    QueryLifecycle lifecycle;

    @Test
    void queryRunsAndReadinessReportsItWithItsServers() {
        given().when().get("/q/health/ready").then().statusCode(503);

        lifecycle.start(RunMode.CONTINUOUS);
        Await.until(Duration.ofSeconds(60), "the rate query to process rows", () -> RateCountingJob.ROWS_SEEN.get() > 0);
        assertEquals(QueryLifecycle.Phase.RUNNING, lifecycle.phase());

        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("streaming-query rate-smoke"))
                .body("checks.find { it.name == 'dependencies' }.data.kafka", org.hamcrest.Matchers.startsWith("UP"))
                .body("checks.find { it.name == 'dependencies' }.data.cassandra", org.hamcrest.Matchers.startsWith("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/status").then()
                .statusCode(200)
                .body("query", equalTo("rate-smoke"))
                .body("phase", equalTo("RUNNING"))
                .body("rowsSeen", greaterThan(0));
    }
}
