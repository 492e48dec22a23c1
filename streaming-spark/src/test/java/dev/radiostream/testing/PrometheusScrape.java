package dev.radiostream.testing;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of the service's GET /q/metrics (Prometheus text format), read by metric name and labels. */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
    }

    public static PrometheusScrape now() {
        return new PrometheusScrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of the one sample of {@code name} whose labels include {@code labels}; fails unless exactly one. */
    public double value(String name, Map<String, String> labels) {
        Map<Map<String, String>, Double> samples = samples(name, labels);
        if (samples.size() != 1) {
            throw new AssertionError("expected one sample of " + name + labels + ", found " + samples.keySet()
                    + " in:\n" + text);
        }
        return samples.values().iterator().next();
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (e.g. a counter over its reasons). */
    public double sum(String name, Map<String, String> labels) {
        return samples(name, labels).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * How much the samples of {@code name} whose labels include {@code labels} grew since {@code before}, by the
     * value of {@code label}; samples that did not move are left out.
     */
    public Map<String, Double> increasesBy(String label, String name, Map<String, String> labels,
            PrometheusScrape before) {
        Map<Map<String, String>, Double> earlier = before.samples(name, labels);
        Map<String, Double> increases = new TreeMap<>();
        samples(name, labels).forEach((sampleLabels, value) -> {
            double increase = value - earlier.getOrDefault(sampleLabels, 0.0);
            if (increase != 0) {
                increases.merge(sampleLabels.get(label), increase, Double::sum);
            }
        });
        return increases;
    }

    /** Every sample of {@code name} whose labels include {@code labels}, by its full label set. */
    public Map<Map<String, String>, Double> samples(String name, Map<String, String> labels) {
        Map<Map<String, String>, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                samples.put(found, Double.parseDouble(sample.group(4)));
            }
        }
        return samples;
    }

    @Override
    public String toString() {
        return text;
    }
}
