package io.rita.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.rita.service.Counters.Add;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandRouteTest {

    @Test
    void decodes_json_into_the_command_by_default() {
        assertThat(Counters.ADD.decoder().decode("{\"n\":2}".getBytes(StandardCharsets.UTF_8), JsonBodies.defaultMapper()))
                .isEqualTo(new Add(2));
    }

    @Test
    void refuses_a_missing_decoder() {
        assertThatThrownBy(() -> new CommandRoute<>("add", "counters.*.add", null,
                (req, command) -> "counters.a", Counters.DECIDER, (state, events) -> null))
                .isInstanceOf(NullPointerException.class).hasMessage("decoder");
    }

    @Test
    void reads_the_default_json_with_the_dispatchers_mapper() {
        Counting store = Counters.store();
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD), DispatchOptions.defaults()
                .withJson(JsonBodies.defaultMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)));

        Reply reply = dispatcher.dispatch(Request.of("counters.a.add", "{\"N\":2}".getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(store.all()).hasSize(1);
    }
}
