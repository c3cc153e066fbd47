package io.rita.client;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Options;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the NATS server refuses for lack of permission fails at once, with what was refused and
 * whether the command may be stored. Each call waits for minutes unless refused, and the test
 * times out long before.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceClientPermissionTest {

    /** Connections without credentials (the test kit's, the service's) are the service user. */
    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension(options -> options.withConfig("""
            authorization {
              users = [
                {user: "service", password: "service"}
                {user: "guest", password: "guest", permissions: {
                  publish: {deny: ["perm.services.*.add"]}
                  subscribe: {deny: ["perm.streams.>"]}
                }}
                {user: "deaf", password: "deaf", permissions: {subscribe: {deny: ["_INBOX.>"]}}}
                {user: "blind", password: "blind", permissions: {publish: {deny: ["perm.services.*.watch"]}}}
              ]
            }
            no_auth_user: "service"
            """));

    private static final Duration FOREVER = Duration.ofMinutes(5);

    private static Tally tally;

    @BeforeAll
    static void start() {
        tally = Tally.start(nats.connection(), "perm");
    }

    @AfterAll
    static void stop() {
        tally.close();
    }

    private static ServiceClient as(String user) {
        return ServiceClient.connect(new Options.Builder().server(nats.url()).userInfo(user, user),
                ClientOptions.defaults().withTimeout(FOREVER).withTypes(Tally.TYPES));
    }

    @Test
    void a_command_this_user_may_not_publish_fails_at_once_and_is_not_stored() {
        try (ServiceClient guest = as("guest")) {
            ServiceCallException denied = catchThrowableOfType(ServiceCallException.class,
                    () -> guest.send(tally.subject("g1", "add"), new Tally.Add(1)));

            assertThat(denied.kind()).isEqualTo(ServiceCallException.Kind.PUBLISH_DENIED);
            assertThat(denied.deniedSubject()).isEqualTo(tally.subject("g1", "add"));
            assertThat(denied.mayBeStored()).isFalse();
            assertThat(denied.getMessage()).startsWith("the NATS server does not let this user publish to "
                    + tally.subject("g1", "add") + " (permissions violation): no service got the request");
            // what the user may do still works on the same connection
            assertThat(guest.query(tally.subject("g1", "total"), Tally.Total.class).state())
                    .isEqualTo(new Tally.Total(0, 0));
        }
        assertThat(tally.stored("g1")).isEmpty();
    }

    @Test
    void a_live_stream_this_user_may_not_receive_fails_at_once() {
        try (ServiceClient guest = as("guest")) {
            ServiceCallException denied = catchThrowableOfType(ServiceCallException.class, () -> {
                try (LiveStream stream = guest.stream(tally.subject("g2", "watch"), tally.streams())) {
                    stream.poll(FOREVER);
                }
            });

            assertThat(denied.kind()).isEqualTo(ServiceCallException.Kind.SUBSCRIBE_DENIED);
            assertThat(denied.deniedSubject() == null ? denied.subject() : denied.deniedSubject())
                    .startsWith(tally.streams() + ".");
        }
    }

    @Test
    void without_the_reply_inbox_the_first_command_may_be_stored_and_the_next_is_not_sent() throws Exception {
        try (ServiceClient deaf = as("deaf")) {
            ServiceCallException first = catchThrowableOfType(ServiceCallException.class,
                    () -> deaf.send(tally.subject("d1", "add"), new Tally.Add(1)));
            ServiceCallException second = catchThrowableOfType(ServiceCallException.class,
                    () -> deaf.send(tally.subject("d1", "add"), new Tally.Add(2)));

            assertThat(List.of(first.kind(), second.kind())).containsOnly(ServiceCallException.Kind.SUBSCRIBE_DENIED);
            assertThat(first.deniedSubject()).startsWith("_INBOX.");
            // the request went out before the server refused its reply subscription: the service stored it
            assertThat(first.mayBeStored()).isTrue();
            assertThat(first.getMessage()).endsWith("the request went out, so the command may or may not be stored: "
                    + "send it again with command id " + first.commandId() + " and it counts once");
            assertThat(second.mayBeStored()).isFalse();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tally.stored("d1").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);   // the first command reaches the service on its own time
        }
        assertThat(tally.stored("d1")).extracting(event -> ((Tally.Added) event.data()).n()).containsExactly(1);
    }

    @Test
    void the_error_listener_of_a_connection_made_elsewhere_reports_and_passes_errors_on() throws Exception {
        List<String> passedOn = new CopyOnWriteArrayList<>();
        ErrorListener mine = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                passedOn.add(error);
            }
        };
        Connection connection = nats.connect(builder -> builder.userInfo("guest", "guest")
                .errorListener(ServiceClient.errorListener(mine)));
        ServiceClient guest = ServiceClient.of(connection, ClientOptions.defaults().withTimeout(FOREVER));

        ServiceCallException denied = catchThrowableOfType(ServiceCallException.class,
                () -> guest.send(tally.subject("g3", "add"), new Tally.Add(1)));

        assertThat(denied.kind()).isEqualTo(ServiceCallException.Kind.PUBLISH_DENIED);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (passedOn.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);   // passed on right after the client was told, on jnats' callback thread
        }
        assertThat(passedOn).anySatisfy(error -> assertThat(error).contains("Permissions Violation for Publish"));
        guest.close();
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);   // not the client's to close
    }

    @Test
    void without_the_error_listener_a_refusal_shows_as_a_timeout() {
        Connection connection = nats.connect(builder -> builder.userInfo("guest", "guest"));
        ServiceClient guest = ServiceClient.of(connection, ClientOptions.defaults().withTimeout(Duration.ofMillis(300))
                .withResends(0));

        ServiceCallException timedOut = catchThrowableOfType(ServiceCallException.class,
                () -> guest.send(tally.subject("g4", "add"), new Tally.Add(1)));

        assertThat(timedOut.kind()).isEqualTo(ServiceCallException.Kind.TIMEOUT);
        assertThat(timedOut.mayBeStored()).isTrue();
    }

    @Test
    void a_live_stream_this_user_may_not_ask_for_fails_at_once_and_starts_nothing() {
        try (ServiceClient blind = as("blind")) {
            ServiceCallException denied = catchThrowableOfType(ServiceCallException.class,
                    () -> blind.stream(tally.subject("b1", "watch"), tally.streams()));

            assertThat(denied.kind()).isEqualTo(ServiceCallException.Kind.PUBLISH_DENIED);
            assertThat(denied.deniedSubject()).isEqualTo(tally.subject("b1", "watch"));
            assertThat(denied.mayBeStored()).isFalse();
            assertThat(blind.streams()).isEmpty();
        }
    }

    /** A query stores nothing, so even a request that went out (only its answer was refused) leaves nothing open. */
    @Test
    void a_query_without_the_reply_inbox_fails_at_once_and_leaves_nothing_open() {
        try (ServiceClient deaf = as("deaf")) {
            ServiceCallException denied = catchThrowableOfType(ServiceCallException.class,
                    () -> deaf.query(tally.subject("d2", "total"), Tally.Total.class));

            assertThat(denied.kind()).isEqualTo(ServiceCallException.Kind.SUBSCRIBE_DENIED);
            assertThat(denied.deniedSubject()).startsWith("_INBOX.");
            assertThat(denied.commandId()).isNull();
            assertThat(denied.mayBeStored()).isFalse();
            assertThat(denied.getMessage()).isEqualTo("the NATS server does not let this user subscribe to "
                    + denied.deniedSubject() + " (permissions violation), where the answer to "
                    + tally.subject("d2", "total") + " would arrive; connect as a user that may, or ask for the permission");
        }
    }
}
