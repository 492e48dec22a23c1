package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.core.model.SongCount;
import dev.radiostream.pipeline.Http;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.ServiceSpec;
import dev.radiostream.system.browser.HeadlessChromium;

/**
 * The dashboard of offset-admin in a real headless browser during one run of the whole pipeline on the secured
 * stack: no console errors, the Drake songs with their true counts, the lag chart down to 0, a dead letter with
 * its reason, every Spark UI answering with its query listed, and a service stopped mid-run red within seconds.
 * It takes a screenshot into target/ (-Ddashboard.screenshot=docs/dashboard.png refreshes the README's: a test run
 * does not change a tracked file by default). Its run is also the suite's whole-pipeline run:
 * every store exact and no secret in any log, answer or the page ({@link WholePipelineTest} runs only where no
 * browser is installed).
 */
class DashboardBrowserTest extends PipelineTestSupport {

    private static final Path SCREENSHOT = ROOT.resolve(
            System.getProperty("dashboard.screenshot", "system-tests/target/dashboard.png"));
    /** The dashboard samples every 2 s and the page polls as often: a stopped service must be red within this. */
    private static final Duration RED_WITHIN = Duration.ofSeconds(8);

    @Test
    void theDashboardFollowsARunLive() throws Exception {
        HeadlessChromium.missing().ifPresent(reason -> Assumptions.abort(reason));
        Pipeline pipeline = WholePipelineTest.securedWholePipeline(this);
        pipeline.start("768m");
        ServiceSpec admin = pipeline.process(PipelineServices.OFFSET_ADMIN).spec();
        await("offset-admin serving", Duration.ofSeconds(90),
                () -> Http.get(admin.baseUrl() + "/q/health/live").isPresent());

        List<String> answers = new java.util.ArrayList<>(); // checked for secrets once the run is over
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 2000)) {
            var page = browser.driver();
            page.get(PipelineServices.dashboardUrl(admin));
            assertEquals("Radio streaming pipeline", page.getTitle());
            await("a tile per watched service", Duration.ofSeconds(20),
                    () -> page.findElements(By.cssSelector("#tiles .tile")).size() == 6);

            pipeline.awaitFlowed(WholePipelineTest.SECURED_FLOW_TIMEOUT, snapshot -> { });
            WholePipelineTest.assertEveryStoreExact(pipeline);
            answers.addAll(WholePipelineTest.answersOf(pipeline));
            String badValue = "this is not JSON";
            long badOffset = sendMalformedSongCount(pipeline, badValue);

            // The true Drake totals, as the page shows them (Cassandra's song_counts, newest totals).
            Map<String, Long> expected = PLAYS.expectedCounts("Drake");
            await("the Drake songs with their true counts", Duration.ofSeconds(30),
                    () -> expected.equals(shownSongs(page)));
            // Every consumer has stored the offsets past the malformed record: lag 0 on the chart's last point.
            await("the lag chart at 0 for every consumer", Duration.ofSeconds(60), () -> {
                Map<String, Long> last = lastPoints(page.findElement(By.id("lag-chart")));
                return last.keySet().equals(java.util.Set.of(PipelineServices.CASSANDRA_CONNECTOR,
                        PipelineServices.CASSANDRA_FOREACH, PipelineServices.ELASTIC_SONG_COUNTS,
                        PipelineServices.ELASTIC_PLAYS)) && last.values().stream().allMatch(v -> v == 0);
            });
            await("the malformed record among the dead letters, with its reason", Duration.ofSeconds(30),
                    () -> page.findElements(By.cssSelector("#dead-letters tbody tr")).stream()
                            .map(row -> row.findElements(By.tagName("td"))).anyMatch(cells ->
                                    cells.get(0).getText().equals(PipelineServices.CASSANDRA_CONNECTOR)
                                            && cells.get(3).getText().equals(Long.toString(badOffset))
                                            && !cells.get(4).getText().isBlank()
                                            && cells.get(6).getText().equals(badValue)));
            await("every tile green", Duration.ofSeconds(20), () -> tiles(page).values().stream().allMatch("UP"::equals));
            assertPlaysPerDay(admin, page);
            assertSparkUis(pipeline, page);
            assertOpenApi(pipeline, admin);
            assertJsonLogs(admin);
            await("a records-per-second line per service", Duration.ofSeconds(10),
                    () -> lastPoints(page.findElement(By.id("rates-chart"))).size() == 6);

            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, page.getScreenshotAs(OutputType.BYTES));

            ServiceProcess stopped = pipeline.process(PipelineServices.ELASTIC_SONG_COUNTS);
            stopped.stop(Duration.ofSeconds(30));
            Instant gone = Instant.now();
            await(stopped.spec().name() + "'s tile red", RED_WITHIN,
                    () -> "UNREACHABLE".equals(tiles(page).get(stopped.spec().name())));
            Duration red = Duration.between(gone, Instant.now());
            await(stopped.spec().name() + "'s tile drawn red (class unreachable, background rgba(127, 29, 29, 1))",
                    Duration.ofSeconds(10), () -> {
                        WebElement tile = page.findElement(By.cssSelector("[data-service='" + stopped.spec().name() + "']"));
                        return tile.getAttribute("class").contains("unreachable")
                                && "rgba(127, 29, 29, 1)".equals(tile.getCssValue("background-color"));
                    });
            System.out.printf("%s stopped: its tile turned red %d ms after the process had gone%n",
                    stopped.spec().name(), red.toMillis());

            List<String> errors = browser.consoleErrors();
            assertTrue(errors.isEmpty(), "the page's console shows errors: " + errors);
            answers.add(page.getPageSource());
        }
        pipeline.stop();
        WholePipelineTest.assertNoSecretShown(pipeline, answers);
    }

    /** The page's top songs as radio|artist|title -> count. */
    private static Map<String, Long> shownSongs(org.openqa.selenium.WebDriver page) {
        Map<String, Long> shown = new TreeMap<>();
        for (WebElement row : page.findElements(By.cssSelector("#top-songs tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            String[] song = cells.get(1).getAttribute("data-song").split(" - ", 2);
            shown.put(SongCount.key(cells.get(1).getAttribute("data-radio"), song[0], song[1]),
                    Long.parseLong(cells.get(2).getAttribute("data-count")));
        }
        return shown;
    }

    /** Service name -> the state its tile shows. */
    private static Map<String, String> tiles(org.openqa.selenium.WebDriver page) {
        Map<String, String> states = new TreeMap<>();
        for (WebElement tile : page.findElements(By.cssSelector("#tiles .tile"))) {
            states.put(tile.getAttribute("data-service"), tile.getAttribute("data-state"));
        }
        return states;
    }

    /** A chart's last value per line (the page keeps them in data-last). */
    private static Map<String, Long> lastPoints(WebElement chart) {
        String json = chart.getAttribute("data-last");
        Map<String, Long> last = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return last;
        }
        try {
            Http.JSON.readTree(json).fields().forEachRemaining(f -> last.put(f.getKey(), f.getValue().asLong()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return last;
    }

    /** The plays chart draws a line per radio; the data behind it counts every play of the run. */
    private static void assertPlaysPerDay(ServiceSpec admin, org.openqa.selenium.WebDriver page) {
        JsonNode body = Http.get(admin.baseUrl() + "/dashboard/plays-per-day").orElseThrow();
        Map<String, Long> perRadio = new TreeMap<>();
        for (JsonNode radio : body.path("radios")) {
            long sum = 0;
            for (JsonNode point : radio.path("points")) {
                sum += point.get(1).asLong();
            }
            perRadio.put(radio.path("name").asText(), sum);
        }
        assertEquals(PLAYS.playsPerRadio(), perRadio, "plays per radio, summed over the days");
        assertEquals(PLAYS.playsPerRadio().keySet(), lastPoints(page.findElement(By.id("plays-chart"))).keySet(),
                "a line per radio on the plays chart");
    }

    /** Each Spark service's tile links its Spark UI, which answers and lists the service's query. */
    private static void assertSparkUis(Pipeline pipeline, org.openqa.selenium.WebDriver page) throws InterruptedException {
        for (ServiceProcess process : pipeline.processes()) {
            String name = process.spec().name();
            if (PipelineServices.OFFSET_ADMIN.equals(name)) {
                continue;
            }
            JsonNode status = status(process).orElseThrow();
            String sparkUi = status.path("sparkUi").asText();
            assertTrue(sparkUi.startsWith("http://127.0.0.1:"), name + " reports its Spark UI: " + sparkUi);
            // The page redraws its tiles at every poll: find and read the link in one look, again if it was redrawn.
            String link = "[data-service='" + name + "'] a[href$='/StreamingQuery/']";
            await(name + "'s tile linking its Spark UI " + sparkUi, Duration.ofSeconds(10),
                    () -> (sparkUi + "/StreamingQuery/").equals(page.findElement(By.cssSelector(link)).getAttribute("href")));
            String html = text(sparkUi + "/StreamingQuery/");
            assertTrue(html.contains(status.path("query").asText()), name + "'s Spark UI lists its query "
                    + status.path("query").asText());
        }
    }

    /** /q/openapi describes /offsets and the dashboard's endpoints, and a Spark service's /status. */
    private static void assertOpenApi(Pipeline pipeline, ServiceSpec admin) {
        JsonNode paths = Http.get(admin.baseUrl() + "/q/openapi?format=json").orElseThrow().path("paths");
        for (String path : List.of("/offsets", "/dashboard/services", "/dashboard/lag", "/dashboard/rates",
                "/dashboard/top-songs", "/dashboard/plays-per-day", "/dashboard/dead-letters")) {
            assertTrue(paths.has(path), "offset-admin's OpenAPI describes " + path + ": " + paths.fieldNames());
        }
        String consumer = pipeline.process(PipelineServices.CASSANDRA_CONNECTOR).spec().baseUrl();
        assertTrue(Http.get(consumer + "/q/openapi?format=json").orElseThrow().path("paths").has("/status"),
                "a streaming service's OpenAPI describes /status");
    }

    /** One setting turns every log line into a JSON object (offset-admin's list tool, run as the operator would). */
    private static void assertJsonLogs(ServiceSpec admin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("service").toString(), "offset-admin-service", "list")
                .directory(ROOT.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(admin.env());
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        builder.environment().put("QUARKUS_LOG_LEVEL", "INFO");
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "offset-admin list did not finish");
        assertEquals(0, process.exitValue(), stderr);
        List<String> lines = stderr.lines().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty(), "offset-admin logged nothing at INFO");
        for (String line : lines) {
            JsonNode entry = Http.JSON.readTree(line);
            assertTrue(entry.has("level") && entry.has("message") && entry.has("timestamp"), "a JSON log line: " + line);
        }
    }

    private static String text(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), url);
            return response.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(url + " does not answer: " + e, e);
        }
    }

    /** One record no consumer can parse, into the song-counts topic; its offset. */
    private static long sendMalformedSongCount(Pipeline pipeline, String value) throws Exception {
        Properties config = pipeline.options().endpoints().security().kafka();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.options().endpoints().kafka());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(pipeline.options().endpoints().songCountsTopic(), 0, "malformed",
                    value)).get().offset();
        }
    }

    private static void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                // The page redrew that part between finding and reading it: look again.
            }
            assertFalse(Instant.now().isAfter(deadline), "not within " + timeout.toSeconds() + " s: " + what);
            Thread.sleep(250);
        }
    }
}
