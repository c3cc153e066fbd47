package io.rita.service;

import io.rita.aggregate.EngineOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Counters.Added;
import io.rita.service.Reply.Failure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentDispatchTest {

    private final Counting store = Counters.store();

    @Test
    void keeps_the_invariant_and_stores_each_accepted_command_once_across_two_dispatchers() throws Exception {
        DispatchOptions options = DispatchOptions.defaults().withEngine(EngineOptions.defaults().withMaxAttempts(50));
        // a pause between decide and append, as a network round trip would make, so that the two
        // dispatchers really interleave on this fast in-memory store
        store.beforeAppend = subject -> pause();
        List<Dispatcher> dispatchers = List.of(Dispatcher.of(store, List.of(Counters.ADD), options),
                Dispatcher.of(store, List.of(Counters.ADD), options));
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < 8; client++) {
                Dispatcher dispatcher = dispatchers.get(client % 2);
                for (int i = 0; i < 25; i++) {
                    String id = "c" + client + "-" + i;
                    replies.add(clients.submit(() -> dispatcher.dispatch(add("hot", 1)
                            .withHeader(ServiceHeaders.COMMAND_ID, id))));
                }
            }
        }

        long accepted = 0;
        for (Future<Reply> reply : replies) {
            if (reply.get().isSuccess()) {
                accepted++;
            } else {
                assertThat(((Failure) reply.get()).message()).isEqualTo("counter: limit is 100");
            }
        }
        List<StoredEvent> stored = store.all();
        assertThat(accepted).isEqualTo(Counters.LIMIT);
        assertThat(stored).hasSize(Counters.LIMIT).extracting(StoredEvent::data).containsOnly(new Added(1));
        assertThat(stored).extracting(event -> event.meta().get("causation-id")).doesNotHaveDuplicates();
        assertThat(store.conflicts.get()).isPositive();
    }

    @Test
    void takes_turns_on_one_aggregate_so_that_one_dispatcher_never_conflicts_with_itself() throws Exception {
        store.beforeAppend = subject -> pause();
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD));

        List<Reply> replies = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Reply>>> sent = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                sent.add(clients.submit(() -> {
                    List<Reply> own = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        own.add(dispatcher.dispatch(add("hot", 1)));
                    }
                    return own;
                }));
            }
            for (Future<List<Reply>> client : sent) {
                replies.addAll(client.get(10, TimeUnit.SECONDS)); // before the executor's close, which waits without one
            }
        }
        assertThat(replies).hasSize(320).filteredOn(Reply::isSuccess).hasSize(Counters.LIMIT);
        assertThat(replies).filteredOn(reply -> !reply.isSuccess())
                .allSatisfy(reply -> assertThat(((Failure) reply).message()).isEqualTo("counter: limit is 100"));
        assertThat(store.all()).hasSize(Counters.LIMIT);
        assertThat(store.conflicts).hasValue(0);
    }

    /** A pause between decide and append, as a network round trip would make. */
    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
