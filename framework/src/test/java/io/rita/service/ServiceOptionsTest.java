package io.rita.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceOptionsTest {

    @Test
    void uses_the_service_name_as_the_default_queue_group() {
        ServiceOptions options = ServiceOptions.of("shows", "1.0.0", "Seat reservations").withFallback("shows.services.>");

        assertThat(options.queueGroup()).isEqualTo("shows");
    }
}
