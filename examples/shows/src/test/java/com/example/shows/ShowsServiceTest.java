package com.example.shows;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.service.ServiceHeaders;
import io.rita.service.ServiceRunner;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The service itself, on a real nats-server that the extension starts for this class. */
class ShowsServiceTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private ServiceRunner service;

    @BeforeEach
    void start() {
        service = ShowsService.start(nats.connection());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private static Message send(Connection client, String subject, String body, String commandId) throws Exception {
        Headers headers = new Headers();
        if (commandId != null) {
            headers.put(ServiceHeaders.COMMAND_ID, commandId);
        }
        return client.request(NatsMessage.builder().subject(subject).headers(headers)
                .data(body.getBytes(StandardCharsets.UTF_8)).build(), Duration.ofSeconds(5));
    }

    private static String text(Message reply) {
        return new String(reply.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void reserves_refuses_and_answers_over_nats() throws Exception {
        Connection client = nats.connect();

        Message reserved = send(client, "shows.services.gala.reserve-seat", "{\"seat\":\"A1\",\"guest\":\"ann\"}", "ann-a1");
        Message resent = send(client, "shows.services.gala.reserve-seat", "{\"seat\":\"A1\",\"guest\":\"ann\"}", "ann-a1");
        Message taken = send(client, "shows.services.gala.reserve-seat", "{\"seat\":\"A1\",\"guest\":\"bob\"}", null);
        Message free = send(client, "shows.services.gala.free-seats", "", null);

        assertThat(reserved.getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isEqualTo("1");
        assertThat(resent.getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isEqualTo("1");
        assertThat(text(taken)).isEqualTo("shows: seat A1 is taken");
        assertThat(taken.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).isEqualTo("400");
        assertThat(text(free)).isEqualTo("{\"free\":99,\"taken\":[\"A1\"]}");
    }
}
