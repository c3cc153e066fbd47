package io.rita.kmm.service;

import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.kmm.service.cli.Kmm;
import io.rita.service.Dispatcher;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second program appends an event of a type KMM does not know ({@code mystery-event}) to an
 * account's subject. From then on every command and query on that account fails, through the
 * real service and the {@code kmm} program, with a message that names the event and says that
 * retrying will not help (never "try again"); the service logs it once; other accounts go on.
 */
class UnknownEventTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private final Logger log = Logger.getLogger(Dispatcher.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private KmmServer service;

    private record Run(int exitCode, List<String> out, List<String> err) {
    }

    @BeforeEach
    void start() {
        log.addHandler(capture);
        service = KmmServer.start(KmmServerOptions.connectingTo(nats.url()));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        log.removeHandler(capture);
        nats.connection().jetStreamManagement().deleteStream(KmmSubjects.STORE);
    }

    private Run kmm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--nats.url";
        all[args.length + 1] = service.url();
        int code = Kmm.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString().lines().toList(), err.toString().lines().toList());
    }

    /** What another program (Go Rita, say) publishes: a single-event message of a type KMM lacks. */
    private long appendMystery(String account) throws Exception {
        Headers headers = new Headers()
                .put("Nats-Msg-Id", "mystery-1")
                .put("Nats-Expected-Stream", KmmSubjects.STORE)
                .put("rita-type", "mystery-event")
                .put("rita-time", "2026-12-06T10:00:00Z")
                .put("rita-codec", "json");
        PublishAck ack = nats.connection().jetStream().publish(NatsMessage.builder()
                .subject(KmmSubjects.account(account)).headers(headers)
                .data("{\"Secret\":42}".getBytes(StandardCharsets.UTF_8)).build());
        return ack.getSeqno();
    }

    private static void failsWithoutHope(Run run, long sequence) {
        assertThat(run.exitCode()).as("exit code").isEqualTo(Kmm.REFUSED);
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(run.err()).as("stderr").singleElement().asString()
                .startsWith("unknown event type 'mystery-event' on kmm.events.accounts.susie at sequence " + sequence + ":")
                .contains("retrying will not help")
                .doesNotContain("try again", "send it again", "Exception");
    }

    @Test
    void balance_and_deposit_on_the_account_fail_naming_the_event_and_say_retrying_will_not_help() throws Exception {
        assertThat(kmm("deposit", "susie", "20", "allowance").exitCode()).isEqualTo(Kmm.OK);
        long sequence = appendMystery("susie");

        failsWithoutHope(kmm("balance", "susie"), sequence);
        failsWithoutHope(kmm("deposit", "susie", "5", "again"), sequence);
        failsWithoutHope(kmm("balance", "susie"), sequence);

        assertThat(nats.connection().jetStreamManagement().getStreamInfo(KmmSubjects.STORE).getStreamState()
                .getMsgCount()).as("nothing stored after the unknown event").isEqualTo(2);
        assertThat(logged).as("one log line for the account, however many requests").hasSize(1);
        assertThat(logged.get(0).getThrown()).hasMessageContaining("mystery-event");
        Run bobby = kmm("balance", "bobby");
        assertThat(bobby.exitCode()).isEqualTo(Kmm.OK);
        assertThat(bobby.out()).containsExactly("0");
    }
}
