package io.rita.aggregate;

import java.time.Duration;

/**
 * What handling one command took, reported to {@link EngineOptions#observer()} when the command is
 * answered: for metrics, logs and tests that want to see the engine at work.
 *
 * <pre>{@code
 * EngineOptions.defaults().withObserver(report -> {
 *     if (report.attempts() > 1) log.debug("{} on {} was decided {} times", report.origin(), report.subject(), report.attempts());
 * });
 * }</pre>
 *
 * @param subject   the aggregate
 * @param origin    {@link CommandOptions#origin()}: where the command came from (a service endpoint's name),
 *                  or {@code null}
 * @param result    how it ended
 * @param attempts  in how many rounds it was decided: 1, or more after conflicts with other writers
 * @param groupSize how many commands were decided with it in its last round (1: alone)
 * @param cached    whether its first round started from the engine's cache rather than a full load
 * @param took      from the call of {@link AggregateEngine#handle} to the answer, waiting in line included
 */
public record CommandReport(String subject, String origin, Result result, int attempts, int groupSize, boolean cached,
                            Duration took) {

    /** How a command ended. */
    public enum Result {
        /** {@link Outcome.Accepted}. */
        ACCEPTED,
        /** {@link Outcome.Duplicate}. */
        DUPLICATE,
        /** {@link Outcome.Rejected}. */
        REJECTED,
        /** {@link Outcome.Conflict}. */
        CONFLICT,
        /** An exception: the store failed, or the decider threw something other than a rejection. */
        FAILED;

        static Result of(Outcome<?, ?> outcome) {
            return switch (outcome) {
                case Outcome.Accepted<?, ?> a -> ACCEPTED;
                case Outcome.Duplicate<?, ?> d -> DUPLICATE;
                case Outcome.Rejected<?, ?> r -> REJECTED;
                case Outcome.Conflict<?, ?> c -> CONFLICT;
            };
        }
    }
}
