package io.rita.kmm.service.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --http.addr} values: a port alone means loopback; anything else is refused with the forms it takes. */
class HttpAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "8080           | 127.0.0.1 | 8080",
            ":8080          | 127.0.0.1 | 8080",
            "0              | 127.0.0.1 | 0",
            " 8080 \t       | 127.0.0.1 | 8080",
            "127.0.0.1:9000 | 127.0.0.1 | 9000",
            "0.0.0.0:8080   | 0.0.0.0   | 8080",
            "localhost:8080 | 127.0.0.1 | 8080",
            "[::1]:8080     | 0:0:0:0:0:0:0:1 | 8080",
            "65535          | 127.0.0.1 | 65535"})
    void reads(String text, String host, int port) {
        InetSocketAddress address = HttpAddress.parse(text);

        assertThat(address.getAddress().getHostAddress()).isEqualTo(host);
        assertThat(address.getPort()).isEqualTo(port);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "http", "8080x", "-1", "127.0.0.1", "127.0.0.1:", ":", "host:port",
            "1.2.3.4:80:90", "[::1", "::1:8080", "123456", "http://127.0.0.1:8080"})
    void refuses_what_is_not_an_address(String text) {
        assertThatThrownBy(() -> HttpAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use HOST:PORT, :PORT or PORT (e.g. 127.0.0.1:8080, or 0 for a free port)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"65536", ":99999", "127.0.0.1:70000"})
    void refuses_a_port_over_65535(String text) {
        assertThatThrownBy(() -> HttpAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is over 65535");
    }
}
