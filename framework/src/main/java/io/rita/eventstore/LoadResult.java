package io.rita.eventstore;

import java.util.List;

/**
 * The events of a load, in stream order, and the last sequence of the subject at load time.
 *
 * <p>Pass {@code sequence} as the expected sequence of the next append to make the decision
 * based on these events safe under concurrency, or as {@code afterSequence} to catch up later.
 * For a wildcard load it is the highest sequence among the matching subjects: good for catching
 * up, but not an expectation for any one of them.
 *
 * @param events   the events, oldest first
 * @param sequence the subject's last stream sequence ({@code 0} for an empty subject)
 */
public record LoadResult(List<StoredEvent> events, long sequence) {

    public LoadResult {
        events = List.copyOf(events);
    }
}
