package io.rita.service;

import io.rita.aggregate.CommandReport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one route did since its dispatcher started: the numbers a NATS client sees in the
 * endpoint's {@code data} of {@code $SRV.STATS} (e.g. {@code nats micro stats kmm}). For
 * commands, straight from the engine's {@link CommandReport}s; a query counts as one request.
 */
final class RouteStatistics {

    private final LongAdder requests = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /** Rounds decided beyond the first: how often another writer made a command be decided again. */
    private final LongAdder retries = new LongAdder();
    /** Commands stored in an append together with others (group commit). */
    private final LongAdder grouped = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();

    void record(CommandReport report) {
        requests.increment();
        switch (report.result()) {
            case ACCEPTED -> accepted.increment();
            case DUPLICATE -> duplicates.increment();
            case REJECTED -> rejected.increment();
            case CONFLICT -> conflicts.increment();
            case FAILED -> failed.increment();
        }
        retries.add(Math.max(0, report.attempts() - 1));
        if (report.groupSize() > 1) {
            grouped.increment();
        }
        if (report.cached()) {
            cacheHits.increment();
        }
    }

    /** A query served. */
    void recordQuery() {
        requests.increment();
    }

    /** The numbers, in a stable order, as the endpoint's statistics data. */
    Map<String, Long> snapshot() {
        Map<String, Long> numbers = new LinkedHashMap<>();
        numbers.put("requests", requests.sum());
        numbers.put("accepted", accepted.sum());
        numbers.put("duplicates", duplicates.sum());
        numbers.put("rejected", rejected.sum());
        numbers.put("conflicts", conflicts.sum());
        numbers.put("failed", failed.sum());
        numbers.put("retries", retries.sum());
        numbers.put("grouped", grouped.sum());
        numbers.put("cache_hits", cacheHits.sum());
        return numbers;
    }
}
