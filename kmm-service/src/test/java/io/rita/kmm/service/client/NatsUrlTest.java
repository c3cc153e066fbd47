package io.rita.kmm.service.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NatsUrlTest {

    @Test
    void adds_the_nats_scheme_to_a_bare_address() {
        assertThat(NatsUrl.parse("127.0.0.1:4837").servers()).containsExactly("nats://127.0.0.1:4837");
    }

    @Test
    void keeps_a_given_scheme() {
        assertThat(NatsUrl.parse("tls://demo.nats.io:4443").servers()).containsExactly("tls://demo.nats.io:4443");
    }

    @Test
    void reads_a_comma_separated_list() {
        assertThat(NatsUrl.parse("a:4222, nats://b:4222").servers()).containsExactly("nats://a:4222", "nats://b:4222");
    }

    @Test
    void refuses_an_empty_address() {
        assertThatThrownBy(() -> NatsUrl.parse(" , ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no NATS server address");
    }
}
