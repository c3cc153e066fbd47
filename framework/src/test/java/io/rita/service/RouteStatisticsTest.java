package io.rita.service;

import io.rita.aggregate.CommandReport;
import io.rita.aggregate.CommandReport.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A route's numbers in the service API's stats: each command counted once by how it ended, and how it went. */
class RouteStatisticsTest {

    private static CommandReport report(Result result, int attempts, int groupSize, boolean cached) {
        return new CommandReport("counters.a", "add", result, attempts, groupSize, cached, Duration.ofMillis(1));
    }

    @Test
    void counts_each_outcome_and_the_retries_groups_and_cache_hits() {
        RouteStatistics statistics = new RouteStatistics();

        statistics.record(report(Result.ACCEPTED, 3, 2, true));   // decided three times, stored with another
        statistics.record(report(Result.DUPLICATE, 1, 1, true));
        statistics.record(report(Result.REJECTED, 1, 1, false));
        statistics.record(report(Result.CONFLICT, 2, 1, false));
        statistics.record(report(Result.FAILED, 1, 4, false));
        statistics.recordQuery();

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("requests", 6L);
        expected.put("accepted", 1L);
        expected.put("duplicates", 1L);
        expected.put("rejected", 1L);
        expected.put("conflicts", 1L);
        expected.put("failed", 1L);
        expected.put("retries", 3L);     // 2 + 1
        expected.put("grouped", 2L);     // groups of 2 and 4
        expected.put("cache_hits", 2L);
        assertThat(statistics.snapshot()).containsExactlyEntriesOf(expected);
    }
}
