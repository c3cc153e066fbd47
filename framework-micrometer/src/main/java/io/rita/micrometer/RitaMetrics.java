package io.rita.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rita.aggregate.CommandReport;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Rita's command metrics in a Micrometer {@link MeterRegistry}: an observer of the engine's
 * {@link CommandReport}s. Every meter is tagged with the route ({@code route}, the report's
 * origin: a service endpoint's name, or {@code none} for commands handled without one).
 *
 * <pre>{@code
 * DispatchOptions options = DispatchOptions.defaults()
 *         .withEngine(EngineOptions.defaults().withObserver(RitaMetrics.of(registry)));
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #COMMANDS}</td><td>counter</td><td>route, result</td><td>commands answered, by result:
 *       accepted, duplicate, rejected, conflict, failed</td></tr>
 *   <tr><td>{@value #DURATION}</td><td>timer with a percentile histogram</td><td>route</td><td>from the
 *       call to the answer, waiting for the aggregate included</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>route</td><td>rounds decided again after another
 *       writer's append (a conflict)</td></tr>
 *   <tr><td>{@value #GROUP_SIZE}</td><td>summary</td><td>route</td><td>how many commands were stored in
 *       one append with each (group commit; 1: alone)</td></tr>
 *   <tr><td>{@value #CACHE}</td><td>counter</td><td>route, hit</td><td>commands whose aggregate came from
 *       the cache ({@code hit=true}) or a full load</td></tr>
 * </table>
 */
public final class RitaMetrics {

    /** Commands answered. */
    public static final String COMMANDS = "rita.commands";
    /** Time to answer a command. */
    public static final String DURATION = "rita.command.duration";
    /** Rounds decided again after conflicts. */
    public static final String RETRIES = "rita.command.retries";
    /** Commands per append. */
    public static final String GROUP_SIZE = "rita.command.group.size";
    /** Cache hits and misses. */
    public static final String CACHE = "rita.command.cache";

    private RitaMetrics() {
    }

    /** An observer that records every report in {@code registry}. */
    public static Consumer<CommandReport> of(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return report -> record(registry, report);
    }

    private static void record(MeterRegistry registry, CommandReport report) {
        String route = report.origin() == null ? "none" : report.origin();
        Counter.builder(COMMANDS).description("Commands answered, by result")
                .tag("route", route).tag("result", report.result().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        Timer.builder(DURATION).description("From the call to the answer, waiting for the aggregate included")
                .tag("route", route).publishPercentileHistogram()
                .register(registry).record(report.took());
        if (report.attempts() > 1) {
            Counter.builder(RETRIES).description("Rounds decided again after another writer's append")
                    .tag("route", route).register(registry).increment(report.attempts() - 1);
        }
        DistributionSummary.builder(GROUP_SIZE).description("Commands stored in one append with each")
                .tag("route", route).register(registry).record(report.groupSize());
        Counter.builder(CACHE).description("Commands whose aggregate came from the cache (hit) or a full load")
                .tag("route", route).tag("hit", Boolean.toString(report.cached()))
                .register(registry).increment();
    }
}
