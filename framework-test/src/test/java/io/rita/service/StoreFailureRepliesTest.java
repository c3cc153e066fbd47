package io.rita.service;

import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.StoreUnavailableException;
import io.rita.internal.StoreSetupException;
import io.rita.service.Reply.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service's log gets when its store fails: a failure that hits every request (not set
 * up, unavailable) one line per 5 s, not one per request; any other failure one line per request,
 * with the reference its reply quotes.
 */
class StoreFailureRepliesTest {

    private final Logger log = Logger.getLogger(Dispatcher.class.getName());
    private final List<LogRecord> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord line) {
            if (line.getMessage() != null && line.getMessage().contains("storefailures.")) {
                lines.add(line); // this test's requests only, whatever else the JVM still runs
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final StoreFailureReplies replies = new StoreFailureReplies();
    private final Request request = Request.of("storefailures.a.add", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void listen() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @Test
    void a_store_that_is_not_set_up_logs_its_reason_once_for_many_requests() {
        for (int i = 0; i < 3; i++) {
            Reply reply = replies.failed(Counters.ADD, request, new StoreSetupException("counters.a",
                    "cannot read counters.a: store 'counters' does not exist", null));
            assertThat(((Failure) reply).headers()).containsEntry(ServiceHeaders.ERROR_KIND, ServiceHeaders.STORE_SETUP);
        }

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(line.getMessage()).isEqualTo("the event store is not set up for storefailures.a.add: cannot read"
                    + " counters.a: store 'counters' does not exist; answering 500 until it is");
        });
    }

    @Test
    void an_unavailable_store_logs_once_for_many_requests() {
        for (int i = 0; i < 3; i++) {
            replies.unavailable(Counters.ADD, request, new StoreUnavailableException("counters.a", "no reply", null));
        }

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARNING);
            assertThat(line.getMessage()).isEqualTo("event store unavailable on storefailures.a.add: no reply; answering 503");
        });
    }

    @Test
    void any_other_failure_logs_each_time_with_the_reference_its_reply_quotes() {
        Failure first = (Failure) replies.failed(Counters.ADD, request, new EventStoreException("counters.a", "odd"));
        Failure second = (Failure) replies.failed(Counters.ADD, request, new EventStoreException("counters.a", "odd"));

        assertThat(lines).hasSize(2);
        assertThat(first.message()).contains(reference(lines.get(0)));
        assertThat(second.message()).contains(reference(lines.get(1)));
        assertThat(first.headers()).doesNotContainKey(ServiceHeaders.ERROR_KIND);
    }

    private static String reference(LogRecord line) {
        String message = line.getMessage();
        return message.substring(message.indexOf("(reference ") + "(reference ".length(), message.indexOf(')'));
    }
}
