package io.rita.kmm.service.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input for the connection flags and {@code serve --nats.users}, on the command line: one
 * line on standard error, exit 2 for a usage mistake and 3 for what keeps kmm from connecting,
 * nothing sent, no stack trace.
 */
@Timeout(60)
class ConnectionFlagsTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, List<String> out, List<String> err) {
    }

    private static Run kmm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString().lines().toList(), err.toString().lines().toList());
    }

    private static void fails(Run run, int exitCode, String firstLine) {
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(run.err()).as("stderr").first().isEqualTo(firstLine);
        assertThat(run.err()).as("stderr").noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
        assertThat(run.exitCode()).as("exit code").isEqualTo(exitCode);
    }

    @Test
    void a_flag_without_its_value_is_a_usage_error() {
        fails(kmm("balance", "susie", "--nats.creds"), 2, "kmm: Missing required parameter for option "
                + "'--nats.creds' (FILE)");
        fails(kmm("balance", "susie", "--nats.context"), 2, "kmm: Missing required parameter for option "
                + "'--nats.context' (NAME)");
        fails(kmm("serve", "--nats.embed", "--nats.users"), 2, "kmm: Missing required parameter for option "
                + "'--nats.users' (FILE)");
    }

    @Test
    void an_empty_value_is_a_usage_error() {
        fails(kmm("balance", "susie", "--nats.creds="), 2, "kmm: --nats.creds needs a value, was empty");
        fails(kmm("balance", "susie", "--nats.context="), 2, "kmm: --nats.context needs a value, was empty");
        fails(kmm("serve", "--nats.embed", "--nats.users="), 2, "kmm: --nats.users needs a file name, was empty");
    }

    @Test
    void a_missing_credentials_file_is_a_connection_error_reported_before_connecting() {
        Path missing = dir.resolve("susie.creds");

        fails(kmm("balance", "susie", "--nats.creds", missing.toString(), "--nats.url", "127.0.0.1:1"), 3,
                "kmm: the credentials file " + missing + " does not exist");
    }

    @Test
    void a_context_that_is_not_a_context_is_a_connection_error() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"url\": [1]}");

        fails(kmm("balance", "susie", "--nats.context", broken.toString()), 3,
                "kmm: NATS context 'broken' (" + broken + "): url must be a string, was [1]");
        fails(kmm("serve", "--nats.context", broken.toString()), 3,
                "kmm: NATS context 'broken' (" + broken + "): url must be a string, was [1]");
    }

    @Test
    void serve_refuses_credentials_for_its_own_embedded_server() {
        fails(kmm("serve", "--nats.embed", "--nats.creds", "x.creds", "--data-dir", dir.toString()), 2,
                "kmm: --nats.embed starts a nats-server of its own, which needs no --nats.creds or --nats.context; "
                        + "to serve on another nats-server, drop --nats.embed");
    }

    @Test
    void serve_refuses_users_for_a_server_it_does_not_start() throws IOException {
        Path users = Files.writeString(dir.resolve("family.txt"), "parent mum pw\n");

        fails(kmm("serve", "--nats.users", users.toString(), "--nats.url", "127.0.0.1:1"), 2,
                "kmm: --nats.users gives users to the embedded nats-server (--nats.embed); a nats-server of your own "
                        + "has them in its configuration (see docs/kmm.md)");
    }

    @Test
    void serve_refuses_a_users_file_that_is_missing_or_malformed_before_starting_anything() throws IOException {
        Path data = dir.resolve("data");
        Path missing = dir.resolve("nobody.txt");
        fails(kmm("serve", "--nats.embed", "--data-dir", data.toString(), "--nats.users", missing.toString()), 2,
                "kmm: the users file " + missing + " does not exist");

        Path badRole = Files.writeString(dir.resolve("role.txt"), "# family\nparent mum pw\ngrandma gran pw\n");
        fails(kmm("serve", "--nats.embed", "--data-dir", data.toString(), "--nats.users", badRole.toString()), 2,
                "kmm: " + badRole + ":3: role must be parent or kid, was 'grandma'");

        Path badAccount = Files.writeString(dir.resolve("account.txt"), "kid susie pw susie,bob.by\n");
        fails(kmm("serve", "--nats.embed", "--data-dir", data.toString(), "--nats.users", badAccount.toString()), 2,
                "kmm: " + badAccount + ":1: account must be one word without '.', '*', '>' or whitespace, was 'bob.by'");

        Path twice = Files.writeString(dir.resolve("twice.txt"), "parent mum pw\nkid mum pw2\n");
        fails(kmm("serve", "--nats.embed", "--data-dir", data.toString(), "--nats.users", twice.toString()), 2,
                "kmm: " + twice + ":2: user 'mum' is listed twice");

        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nobody yet\n");
        fails(kmm("serve", "--nats.embed", "--data-dir", data.toString(), "--nats.users", empty.toString()), 2,
                "kmm: the users file " + empty + " lists no user; one a line: parent|kid <user> <password> [accounts]");

        Path quote = Files.writeString(dir.resolve("quote.txt"), "parent mum pa\"ss\n");
        fails(kmm("serve", "--nats.embed", "--data-dir", data.toString(), "--nats.users", quote.toString()), 2,
                "kmm: " + quote + ":1: a password must not contain '\"' or '\\'");

        Path service = Files.writeString(dir.resolve("service.txt"), "parent kmm-serve pw\n");
        fails(kmm("serve", "--nats.embed", "--data-dir", data.toString(), "--nats.users", service.toString()), 2,
                "kmm: " + service + ":1: 'kmm-serve' is the service's own user: pick another name");

        assertThat(data).as("nothing started, so no data directory").doesNotExist();
    }
}
