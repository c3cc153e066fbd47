package io.rita.service;

import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.service.Reply.Failure;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose store is not set up for a request (here: a store that does not exist) answers
 * 500 with {@code Rita-Error-Kind: store-setup}: nothing was stored, and the client is not told to
 * send it again, which cannot help until the service's operator fixes the store.
 */
@Timeout(60)
class StoreSetupReplyTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void a_command_on_a_store_that_does_not_exist_says_nothing_was_stored_and_not_to_send_it_again() {
        Dispatcher dispatcher = Dispatcher.of(store("absent"), ServiceRunnerTest.routes("absent"));

        Reply reply = dispatcher.dispatch(command("svc.absent.a.add"));

        assertThat(reply).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(Failure.INTERNAL);
            assertThat(failure.headers()).containsEntry(ServiceHeaders.ERROR_KIND, ServiceHeaders.STORE_SETUP);
            assertThat(failure.message()).isEqualTo("the service's event store is not set up for this: nothing"
                    + " was stored, and sending it again will not help until the service's operator fixes the"
                    + " store; the service's log says what to change");
        });
    }

    @Test
    void a_query_says_asking_again_will_not_help() {
        Dispatcher dispatcher = Dispatcher.of(store("absent2"), ServiceRunnerTest.routes("absent2"));

        Reply reply = dispatcher.dispatch(Request.of("svc.absent2.a.value", new byte[0]));

        assertThat(reply).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(Failure.INTERNAL);
            assertThat(failure.headers()).containsEntry(ServiceHeaders.ERROR_KIND, ServiceHeaders.STORE_SETUP);
            assertThat(failure.message()).contains("asking again will not help").doesNotContain("nothing was stored");
        });
    }

    @Test
    void a_store_deleted_under_a_service_is_told_at_once_and_serves_again_once_created() {
        JetStreamEventStore store = store("deleted");
        store.create();
        Dispatcher dispatcher = Dispatcher.of(store, ServiceRunnerTest.routes("deleted"));
        assertThat(dispatcher.dispatch(command("svc.deleted.a.add")).isSuccess()).isTrue();
        store.delete(); // MissingStoreTest has a store deleted by another process, whose first read waits 5 s
        dispatcher.clearCache();

        assertThat(kindOf(dispatcher.dispatch(command("svc.deleted.b.add")))).isEqualTo(ServiceHeaders.STORE_SETUP);
        long started = System.nanoTime();
        assertThat(kindOf(dispatcher.dispatch(command("svc.deleted.c.add")))).isEqualTo(ServiceHeaders.STORE_SETUP);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        store.create();
        assertThat(dispatcher.dispatch(command("svc.deleted.c.add")).isSuccess()).isTrue();
    }

    @Test
    void a_query_whose_subject_function_leads_outside_the_store_is_told_not_answered_empty() {
        JetStreamEventStore store = store("typo");
        store.create();
        Dispatcher dispatcher = Dispatcher.of(store, java.util.List.of(QueryRoute.of("svc.typo.*.value",
                req -> "typos." + req.token(2), Counters.DECIDER, (state, req) -> state)));

        assertThat(kindOf(dispatcher.dispatch(Request.of("svc.typo.a.value", new byte[0]))))
                .isEqualTo(ServiceHeaders.STORE_SETUP);
    }

    private static JetStreamEventStore store(String name) {
        return Rita.of(nats.connection(), RitaOptions.defaults().withTypes(Counters.TYPES)).eventStore(name);
    }

    private static Request command(String subject) {
        return Request.of(subject, "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    }

    private static String kindOf(Reply reply) {
        return reply instanceof Failure failure ? failure.headers().get(ServiceHeaders.ERROR_KIND) : "success";
    }
}
