package io.rita.kmm.service.cli;

import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kmm serve --http.addr}: a bad value is a usage error, a taken port a failed start. */
@Timeout(60)
class ServeHttpAddressTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private record Run(int exitCode, String out, String err) {
    }

    private static Run kmm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"web", "8080x", "127.0.0.1:", "99999", ""})
    void refuses_a_bad_address_before_starting_and_exits_2(String address) {
        Run refused = kmm("serve", "--nats.url", nats.url(), "--http.addr", address);

        assertThat(refused.exitCode()).isEqualTo(Kmm.USAGE);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).startsWith("kmm: Invalid value for option '--http.addr': ")
                .contains("use HOST:PORT, :PORT or PORT (e.g. 127.0.0.1:8080, or 0 for a free port)")
                .contains("see: kmm serve --help");
    }

    @Test
    void says_the_pages_port_is_taken_and_exits_3() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run refused = kmm("serve", "--nats.url", nats.url(), "--http.addr", Integer.toString(taken.getLocalPort()));

            assertThat(refused.exitCode()).isEqualTo(Kmm.UNREACHABLE);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).startsWith("kmm: cannot serve the web page on 127.0.0.1:" + taken.getLocalPort()
                    + ": ").endsWith("; pick another port with --http.addr (0 picks a free one)" + System.lineSeparator());
        }
    }

    @Test
    void needs_no_address_without_the_option() {
        Run help = kmm("serve", "--help");

        assertThat(help.out()).contains("--http.addr=HOST:PORT").contains("(default: off)");
    }
}
