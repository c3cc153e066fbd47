package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.PurgeOptions;
import io.rita.eventstore.JetStreamSnapshotStore;
import io.rita.kmm.domain.AccountState;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restarted {@code kmm serve} answers from an account's snapshot: the events before the
 * snapshot are purged after the restart, so a service that folded the account from its events
 * would answer a smaller balance. The periodic snapshot (every 100 events) is taken while
 * serving; the one a graceful stop takes covers the account's last event.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SnapshotRestartTest {

    private static final String ACCOUNT = "kmm.events.accounts.susie";
    private static final String SNAPSHOT = "$RITA.snapshots.kmm." + ACCOUNT;

    @TempDir
    Path dataDir;

    @Test
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException
    void a_restarted_service_answers_from_the_snapshot_of_an_account() throws Exception {
        KmmServerOptions options = KmmServerOptions.embedded(dataDir).withPort(0);
        long covered;
        try (KmmServer service = KmmServer.start(options);
             KmmClient client = KmmClient.connect(NatsUrl.parse(service.url()), Duration.ofSeconds(10));
             Connection nats = Nats.connect(service.url())) {
            for (int i = 0; i < 105; i++) {
                client.deposit("susie", new BigDecimal("1.50"), "allowance " + i);
            }
            client.withdraw("susie", new BigDecimal("0.25"), "gum");
            MessageInfo snapshot = awaitSnapshot(nats.jetStreamManagement());
            covered = Long.parseLong(snapshot.getHeaders().getFirst(JetStreamSnapshotStore.SEQUENCE));
            assertThat(covered).isEqualTo(100);
            assertThat(snapshot.getHeaders().getFirst(JetStreamSnapshotStore.VERSION))
                    .isEqualTo(Integer.toString(AccountState.VERSION));
        }

        try (KmmServer restarted = KmmServer.start(options);
             KmmClient client = KmmClient.connect(NatsUrl.parse(restarted.url()), Duration.ofSeconds(10));
             Connection nats = Nats.connect(restarted.url())) {
            // the stop stored a snapshot of the account's last event, the withdrawal
            MessageInfo last = nats.jetStreamManagement().getLastMessage("kmm-snapshots", SNAPSHOT);
            covered = Long.parseLong(last.getHeaders().getFirst(JetStreamSnapshotStore.SEQUENCE));
            assertThat(covered).isEqualTo(106);
            // only the snapshot remembers the 105 deposits now
            nats.jetStreamManagement().purgeStream(KmmSubjects.STORE,
                    PurgeOptions.builder().subject(ACCOUNT).sequence(covered).build());

            assertThat(client.balance("susie")).isEqualByComparingTo("157.25"); // 105 x 1.50 - 0.25
            client.withdraw("susie", new BigDecimal("7.25"), "book");
            assertThat(client.balance("susie")).isEqualByComparingTo("150");
        }
    }

    private static MessageInfo awaitSnapshot(JetStreamManagement management) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return management.getLastMessage("kmm-snapshots", SNAPSHOT);
            } catch (io.nats.client.JetStreamApiException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }
}
