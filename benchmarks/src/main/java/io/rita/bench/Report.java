package io.rita.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result file into the table of {@code docs/benchmarks.md}: events/s of Rita and
 * of raw jnats for each benchmark and parameter set, their ratio, and the ratio's range given
 * JMH's 99.9% error of both scores.
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.rita.bench.Report target/jmh-result.json
 * }</pre>
 *
 * <p>Benchmarks pair by class and parameters: method {@code rita} against method {@code raw}.
 * A score is operations/s; when the parameters hold {@code events}, one operation handled that
 * many events (a load), otherwise one operation is one event.
 */
public final class Report {

    private Report() {
    }

    /** Prints the table for the result file named by the first argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report <jmh-result.json>");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, Map<String, Score>> rows = new TreeMap<>();
        for (JsonNode result : results) {
            String benchmark = result.get("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String owner = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            String method = benchmark.substring(dot + 1);
            Map<String, String> params = params(result.get("params"));
            double eventsPerOp = params.containsKey("events") ? Double.parseDouble(params.get("events")) : 1;
            JsonNode metric = result.get("primaryMetric");
            double error = metric.get("scoreError").asDouble();
            // JMH gives no error (NaN) for a single iteration
            Score score = new Score(metric.get("score").asDouble() * eventsPerOp, error * eventsPerOp);
            String key = owner.replace("Benchmark", "") + " | " + describe(params);
            rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(method, score);
        }
        System.out.println("| benchmark | parameters | Rita events/s | raw events/s | Rita/raw | range (99.9%) |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: |");
        rows.forEach((key, scores) -> System.out.println("| " + key + " | " + row(scores.get("rita"), scores.get("raw"))));
    }

    private static String row(Score rita, Score raw) {
        if (rita == null || raw == null) {
            return cell(rita) + " | " + cell(raw) + " | - | - |";
        }
        String ratio = String.format(Locale.ROOT, "%.2f", rita.value / raw.value);
        if (Double.isNaN(rita.error) || Double.isNaN(raw.error)) {
            return cell(rita) + " | " + cell(raw) + " | " + ratio + " | - |";
        }
        double low = (rita.value - rita.error) / (raw.value + raw.error);
        // when raw's error exceeds its score, the ratio has no upper bound
        String high = raw.value > raw.error
                ? String.format(Locale.ROOT, "%.2f", (rita.value + rita.error) / (raw.value - raw.error))
                : "inf";
        return cell(rita) + " | " + cell(raw) + " | " + ratio
                + " | " + String.format(Locale.ROOT, "%.2f", Math.max(0, low)) + "-" + high + " |";
    }

    private static String cell(Score score) {
        if (score == null) {
            return "-";
        }
        if (Double.isNaN(score.error)) {
            return String.format(Locale.ROOT, "%,.0f", score.value);
        }
        return String.format(Locale.ROOT, "%,.0f ± %.0f%%", score.value, 100 * score.error / score.value);
    }

    private static Map<String, String> params(JsonNode node) {
        Map<String, String> params = new TreeMap<>();
        if (node != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                params.put(field.getKey(), field.getValue().asText());
            }
        }
        return params;
    }

    private static String describe(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append('=').append(value));
        return text.toString();
    }

    private record Score(double value, double error) {
    }
}
