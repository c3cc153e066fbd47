package io.rita.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result file into the tables of {@code docs/benchmarks.md}: each measured
 * benchmark next to its baseline, with the ratio and the ratio's range given JMH's 99.9% error
 * of both scores.
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.rita.bench.Report target/jmh-result.json
 * }</pre>
 *
 * <p>Pairs, within one class and parameter set: method {@code rita...} against {@code raw...}
 * with the same suffix (and, for commands, against {@code handWritten...} too), and
 * {@code cached} / {@code uncached} against {@code fresh}. Throughput
 * scores are operations/s; when the parameters hold {@code events}, one operation handled that many
 * events (a load). Sample-time scores are latencies; with n client threads, commands/s = n / mean.
 */
public final class Report {

    private Report() {
    }

    /** Prints the tables for the result file named by the first argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report <jmh-result.json>");
            System.exit(2);
        }
        List<Result> results = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            results.add(Result.of(node));
        }
        printThroughput(results);
        printCommands(results);
        printHistory(results);
        printColdCommands(results);
    }

    /** Single shots by history length, each against the fresh aggregate's (events=0) median. */
    private static void printColdCommands(List<Result> results) {
        List<Result> shots = results.stream().filter(r -> r.mode.equals("ss") && r.params.containsKey("events"))
                .sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.params.get("events")))).toList();
        Optional<Result> fresh = shots.stream().filter(r -> r.params.get("events").equals("0")).findFirst();
        List<String> rows = new ArrayList<>();
        for (Result shot : shots) {
            rows.add(shot.title() + " | " + shot.params.get("events") + " | " + time(shot) + " | "
                    + fresh.map(f -> String.format(Locale.ROOT, "%.2f", shot.p50 / f.p50)).orElse("-"));
        }
        table("| benchmark | history (events) | mean, p50 / p99 (µs) | p50 / fresh p50 |",
                "| --- | ---: | ---: | ---: |", rows);
    }

    private static void printThroughput(List<Result> results) {
        List<String> rows = new ArrayList<>();
        for (Result measured : measured(results, "thrpt")) {
            Optional<Result> baseline = baselineOf(measured, results);
            double perOp = measured.params.containsKey("events") ? Double.parseDouble(measured.params.get("events")) : 1;
            String unit = measured.owner.equals("Fixture") ? "scenarios/s" : "events/s";
            rows.add(measured.title() + " | " + measured.describeParams() + " | " + unit
                    + " | " + rate(measured.score * perOp, measured.error * perOp)
                    + " | " + baseline.map(b -> rate(b.score * perOp, b.error * perOp)).orElse("-")
                    + " | " + baseline.map(b -> ratio(measured.score, measured.error, b.score, b.error)).orElse("- | -"));
        }
        table("| benchmark | parameters | unit | Rita | raw | Rita/raw | range (99.9%) |",
                "| --- | --- | --- | ---: | ---: | ---: | ---: |", rows);
    }

    private static void printCommands(List<Result> results) {
        List<String> rows = new ArrayList<>();
        for (Result measured : measured(results, "sample")) {
            if (!measured.method.startsWith("rita")) {
                continue;
            }
            Optional<Result> handWritten = find(results, measured,
                    "handWritten" + measured.method.substring("rita".length()));
            Optional<Result> raw = baselineOf(measured, results);
            // closed-loop clients: throughput = clients / mean latency (Little's law)
            rows.add(measured.title() + " | " + measured.describeParams() + " | " + measured.threads
                    + " | " + rate(measured.perSecond(), measured.perSecondError())
                    + " | " + handWritten.map(b -> rate(b.perSecond(), b.perSecondError())).orElse("-")
                    + " | " + raw.map(b -> rate(b.perSecond(), b.perSecondError())).orElse("-")
                    + " | " + handWritten.map(b -> ratio(b.score, b.error, measured.score, measured.error))
                    .orElse("- | -")
                    + " | " + raw.map(b -> ratio(b.score, b.error, measured.score, measured.error)).orElse("- | -")
                    + " | " + measured.percentiles()
                    + " | " + handWritten.map(Result::percentiles).orElse("-")
                    + " | " + raw.map(Result::percentiles).orElse("-"));
        }
        table("| benchmark | parameters | clients | Rita commands/s | hand-written commands/s | raw commands/s "
                        + "| Rita/hand-written | range (99.9%) | Rita/raw | range (99.9%) | Rita p50 / p99 (µs) "
                        + "| hand-written p50 / p99 (µs) | raw p50 / p99 (µs) |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", rows);
    }

    private static void printHistory(List<Result> results) {
        List<String> rows = new ArrayList<>();
        for (Result measured : measured(results, "sample")) {
            if (measured.method.startsWith("rita")) {
                continue;
            }
            Optional<Result> baseline = baselineOf(measured, results);
            rows.add(measured.title() + " | " + time(measured) + " | " + baseline.map(Report::time).orElse("-")
                    + " | " + baseline.map(b -> ratio(measured.score, measured.error, b.score, b.error)).orElse("- | -"));
        }
        table("| command on | mean, p50 / p99 (µs) | fresh aggregate: mean, p50 / p99 (µs) | time / fresh time "
                + "| range (99.9%) |", "| --- | ---: | ---: | ---: | ---: |", rows);
    }

    private static List<Result> measured(List<Result> results, String mode) {
        return results.stream().filter(r -> r.mode.equals(mode) && baselineName(r.method).isPresent()).toList();
    }

    private static Optional<String> baselineName(String method) {
        if (method.startsWith("rita")) {
            return Optional.of("raw" + method.substring("rita".length()));
        }
        if (method.equals("cached") || method.equals("uncached")) {
            return Optional.of("fresh");
        }
        return Optional.empty();
    }

    private static Optional<Result> baselineOf(Result measured, List<Result> results) {
        return find(results, measured, baselineName(measured.method).orElseThrow());
    }

    /** The result of method {@code name} in the same class and with the same parameters as {@code measured}. */
    private static Optional<Result> find(List<Result> results, Result measured, String name) {
        return results.stream()
                .filter(r -> r.owner.equals(measured.owner) && r.method.equals(name) && r.params.equals(measured.params))
                .findFirst();
    }

    private static void table(String header, String rule, List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        System.out.println(header);
        System.out.println(rule);
        rows.forEach(row -> System.out.println("| " + row + " |"));
        System.out.println();
    }

    /** {@code a / b} and its range; NaN errors (a single iteration) give no range. */
    private static String ratio(double a, double aError, double b, double bError) {
        String ratio = String.format(Locale.ROOT, "%.2f", a / b);
        if (Double.isNaN(aError) || Double.isNaN(bError)) {
            return ratio + " | -";
        }
        double low = Math.max(0, (a - aError) / (b + bError));
        // when b's error exceeds b, the ratio has no upper bound
        String high = b > bError ? String.format(Locale.ROOT, "%.2f", (a + aError) / (b - bError)) : "inf";
        return ratio + " | " + String.format(Locale.ROOT, "%.2f", low) + "-" + high;
    }

    private static String rate(double value, double error) {
        if (Double.isNaN(error)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%,.0f ± %.0f%%", value, 100 * error / value);
    }

    private static String time(Result result) {
        return String.format(Locale.ROOT, "%,.0f, %s", result.score, result.percentiles());
    }

    /** One JMH result, reduced to what the tables need. */
    private record Result(String owner, String method, Map<String, String> params, String mode, int threads,
                          double score, double error, double p50, double p99) {

        static Result of(JsonNode node) {
            String benchmark = node.get("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String owner = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot).replace("Benchmark", "");
            Map<String, String> params = new TreeMap<>();
            JsonNode paramNode = node.get("params");
            if (paramNode != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = paramNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    params.put(field.getKey(), field.getValue().asText());
                }
            }
            JsonNode metric = node.get("primaryMetric");
            JsonNode percentiles = metric.get("scorePercentiles");
            return new Result(owner, benchmark.substring(dot + 1), params, node.get("mode").asText(),
                    node.get("threads").asInt(), metric.get("score").asDouble(), metric.get("scoreError").asDouble(),
                    percentiles == null ? Double.NaN : percentiles.path("50.0").asDouble(Double.NaN),
                    percentiles == null ? Double.NaN : percentiles.path("99.0").asDouble(Double.NaN));
        }

        String title() {
            String variant = method.startsWith("rita") ? method.substring("rita".length()) : method;
            return variant.isEmpty() ? owner : owner + " " + variant;
        }

        String describeParams() {
            StringBuilder text = new StringBuilder();
            params.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append('=').append(value));
            return text.toString();
        }

        /** Operations per second of a sample-time result, whose scores are microseconds. */
        double perSecond() {
            return threads * 1e6 / score;
        }

        double perSecondError() {
            return perSecond() * error / score;
        }

        String percentiles() {
            return String.format(Locale.ROOT, "%,.0f / %,.0f", p50, p99);
        }
    }
}
