package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.Error;
import io.nats.client.support.Status;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A live stream whose consumer JetStream did not create for now (no answer in time, its own 503
 * while a cluster elects a leader) is "unavailable": asking again helps. The cases no retry
 * fixes are told against a real nats-server ({@code StreamRouteSetupTest} in framework-test).
 */
class LiveStreamsTest {

    private static final StreamRoute WATCH = StreamRoute.of("svc.x.*.watch", req -> "x." + req.token(2),
            "watch.streams");
    private static final Request REQUEST = Request.of("svc.x.a.watch", "{\"id\":\"w1\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void no_answer_in_time_is_unavailable() {
        LiveStreams streams = new LiveStreams(connection(), refusing(new IOException("Timeout or no response waiting"
                + " for NATS JetStream server")), "x");

        assertThatThrownBy(() -> streams.start(WATCH, REQUEST)).isExactlyInstanceOf(StoreUnavailableException.class)
                .hasMessage("cannot start a live stream of x.a to watch.streams.w1: Timeout or no response waiting"
                        + " for NATS JetStream server");
    }

    @Test
    void jetstreams_own_503_is_unavailable_and_another_refusal_is_not() {
        LiveStreams electing = new LiveStreams(connection(), refusing(new JetStreamApiException(
                Error.convert(new Status(503, "JetStream system temporarily unavailable")))), "x");
        LiveStreams refusing = new LiveStreams(connection(), refusing(new JetStreamApiException(
                Error.convert(new Status(400, "bad request")))), "x");

        assertThatThrownBy(() -> electing.start(WATCH, REQUEST)).isExactlyInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> refusing.start(WATCH, REQUEST)).isExactlyInstanceOf(EventStoreException.class)
                .hasMessageContaining("bad request");
    }

    /** A connection whose server said nothing about JetStream (no INFO yet): not "without JetStream". */
    private static Connection connection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> null);
    }

    private static JetStreamManagement refusing(Exception failure) {
        return (JetStreamManagement) Proxy.newProxyInstance(JetStreamManagement.class.getClassLoader(),
                new Class<?>[]{JetStreamManagement.class}, (proxy, method, args) -> {
                    throw failure;
                });
    }
}
