package io.rita.kmm.service;

import io.rita.kmm.service.KmmProcess.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kmm serve --nats.embed --nats.users FILE}: the embedded nats-server lets in only the
 * family's parents and kids (and the service itself, with a password only it knows), each with
 * their permissions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class EmbeddedFamilyTest {

    @TempDir
    static Path dir;

    private KmmProcess serve;
    private NatsContextFiles contexts;

    @BeforeAll
    void start() throws Exception {
        Path users = Files.writeString(dir.resolve("family.txt"), """
                # role  user   password
                parent  dad    dad-secret-1
                kid     susie  susie-secret-2
                # a bcrypt hash (nats-server's example, of T0pS3cr3t) instead of the password
                kid     bobby  $2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG  bobby,bobby-savings
                """);
        serve = KmmProcess.serve("--nats.embed", "--nats.port", "0", "--data-dir", dir.resolve("data").toString(),
                "--nats.users", users.toString());
        contexts = new NatsContextFiles(dir.resolve("config"));
        contexts.save("dad", Map.of("url", serve.url(), "user", "dad", "password", "dad-secret-1"));
        contexts.save("susie", Map.of("url", serve.url(), "user", "susie", "password", "susie-secret-2"));
        contexts.save("bobby", Map.of("url", serve.url(), "user", "bobby", "password", "T0pS3cr3t"));
    }

    @AfterAll
    void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    private Result as(String user, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--nats.context";
        all[args.length + 1] = user;
        return KmmProcess.run(contexts.environment(), all);
    }

    @Test
    void parents_deposit_kids_withdraw_from_their_own_accounts_and_nothing_else() {
        assertThat(as("dad", "deposit", "susie", "20", "allowance").exitCode()).isZero();
        assertThat(as("dad", "deposit", "bobby-savings", "9").exitCode()).isZero();
        assertThat(as("dad", "set-budget", "susie", "15", "weekly").exitCode()).isZero();

        Result withdrawal = as("susie", "withdraw", "susie", "5", "comics");
        assertThat(withdrawal.err()).isEmpty();
        assertThat(withdrawal.exitCode()).isZero();
        assertThat(as("susie", "balance", "susie").out()).containsExactly("15");
        assertThat(as("bobby", "withdraw", "bobby-savings", "4").exitCode()).isZero();

        Result deposit = as("susie", "deposit", "susie", "100");
        assertThat(deposit.err()).containsExactly("kmm: permission denied: this user may not deposit");
        assertThat(deposit.exitCode()).isEqualTo(1);
        assertThat(as("susie", "set-budget", "susie", "1000", "daily").err())
                .containsExactly("kmm: permission denied: this user may not set budgets");
        assertThat(as("susie", "withdraw", "bobby-savings", "1").err())
                .containsExactly("kmm: permission denied: this user may not withdraw");
        assertThat(as("dad", "balance", "susie").out()).containsExactly("15");
        assertThat(as("dad", "balance", "bobby-savings").out()).containsExactly("5");
    }

    @Test
    void a_parent_lists_every_account_and_a_kid_may_not() {
        assertThat(as("dad", "deposit", "carl", "3").exitCode()).isZero();

        Result list = as("dad", "accounts");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().getFirst()).matches("account +balance +budget");
        assertThat(list.out()).anyMatch(line -> line.matches("carl +3 +none"));
        Result kid = as("susie", "accounts");
        assertThat(kid.err()).containsExactly("kmm: permission denied: this user may not list the accounts");
        assertThat(kid.exitCode()).isEqualTo(1);
    }

    @Test
    void a_client_without_credentials_is_told_the_server_wants_them() {
        Result anonymous = KmmProcess.run("balance", "susie", "--nats.url", serve.url());

        assertThat(anonymous.err()).containsExactly("kmm: NATS at " + serve.url() + " requires credentials "
                + "(Authorization Violation): give a credentials file, or a NATS context with a user, token, NKey "
                + "or creds");
        assertThat(anonymous.exitCode()).isEqualTo(3);
    }

    @Test
    void an_unknown_context_is_one_line_and_exit_3() {
        Result typo = as("susy", "balance", "susie");

        assertThat(typo.out()).isEmpty();
        assertThat(typo.err()).containsExactly("kmm: unknown NATS context 'susy': there is no "
                + contexts.config().resolve("nats/context/susy.json") + " (known: bobby, dad, susie); create it with "
                + "`nats context save susy ...`");
        assertThat(typo.exitCode()).isEqualTo(3);
    }

    @Test
    void a_wrong_password_is_refused() {
        // a context file of its own, so the known contexts listed by the test above stay the same
        Path file = new NatsContextFiles(dir.resolve("elsewhere")).save("guess", Map.of("url", serve.url(),
                "user", "dad", "password", "guess"));

        Result guess = KmmProcess.run("balance", "susie", "--nats.context", file.toString());

        assertThat(guess.err()).containsExactly("kmm: NATS at " + serve.url() + " refused user 'dad' "
                + "(Authorization Violation) (from context 'guess'): check them");
        assertThat(guess.exitCode()).isEqualTo(3);
    }

    @Test
    void the_servers_configuration_with_the_passwords_is_readable_by_its_owner_only() throws Exception {
        Path config = dir.resolve("data").resolve("nats-server.conf");

        assertThat(Files.getPosixFilePermissions(config)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
}
