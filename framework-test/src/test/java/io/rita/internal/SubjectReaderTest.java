package io.rita.internal;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load must not end early when its direct gets are answered from a copy that lags behind the
 * cut-off, as a follower of a replicated stream may. Here a second stream plays the lagging
 * copy: it holds the first message only, at the same sequence, under a subject the same filter
 * matches, while the "leader" stream holds both.
 */
@Timeout(60)
class SubjectReaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void asks_the_leader_when_a_lagging_copy_has_nothing_before_the_cut_off() throws Exception {
        Connection connection = nats.connection();
        JetStreamManagement jsm = connection.jetStreamManagement();
        for (String stream : List.of("leading", "lagging")) {
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(stream + ".>")
                    .storageType(StorageType.File).allowDirect(true).build());
        }
        connection.jetStream().publish("leading.1", bytes("first"));
        connection.jetStream().publish("leading.1", bytes("second"));
        connection.jetStream().publish("lagging.1", bytes("first"));
        SubjectReader reader = new SubjectReader(connection, connection.jetStream(), new DirectGet(connection, "lagging", TIMEOUT),
                new LeaderReads(connection, jsm, "leading", TIMEOUT), "leading", TIMEOUT);

        List<String> read = new ArrayList<>();
        reader.read("*.1", 0, cutOff("leading.1", 2), message -> read.add(new String(message.data(), StandardCharsets.UTF_8)));

        assertThat(read).containsExactly("first", "second");
    }

    @Test
    void reads_the_rest_from_the_leader_when_the_consumer_stalls_on_a_copy_that_is_behind() throws Exception {
        Connection connection = nats.connection();
        JetStreamManagement jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("stalling").subjects("stalling.>")
                .storageType(StorageType.File).allowDirect(true).build());
        for (String text : List.of("first", "second", "third", "fourth")) {
            connection.jetStream().publish("stalling.1", bytes(text));
        }
        // the consumer is served by a replica that is behind: it delivers nothing
        SubjectReader reader = new SubjectReader(connection, stalling(connection.jetStream()),
                new DirectGet(connection, "stalling", TIMEOUT), new LeaderReads(connection, jsm, "stalling", TIMEOUT),
                "stalling", Duration.ofMillis(200));

        List<String> read = new ArrayList<>();
        reader.read("stalling.1", 0, cutOff("stalling.1", 4), message -> read.add(new String(message.data(), StandardCharsets.UTF_8)));

        assertThat(read).containsExactly("first", "second", "third", "fourth");
    }

    /** {@code jetStream}, except that its push consumers deliver nothing. */
    private static JetStream stalling(JetStream jetStream) {
        JetStreamSubscription silent = (JetStreamSubscription) Proxy.newProxyInstance(
                SubjectReaderTest.class.getClassLoader(), new Class<?>[]{JetStreamSubscription.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
        return (JetStream) Proxy.newProxyInstance(SubjectReaderTest.class.getClassLoader(),
                new Class<?>[]{JetStream.class}, (proxy, method, args) -> {
                    if (method.getName().equals("subscribe")) {
                        return silent;
                    }
                    try {
                        return method.invoke(jetStream, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void ends_early_when_the_leader_too_has_nothing_left_because_it_was_deleted() throws Exception {
        Connection connection = nats.connection();
        JetStreamManagement jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("purged").subjects("purged.>")
                .storageType(StorageType.File).allowDirect(true).build());
        connection.jetStream().publish("purged.1", bytes("first"));
        connection.jetStream().publish("purged.1", bytes("second"));
        jsm.deleteMessage("purged", 2);
        SubjectReader reader = new SubjectReader(connection, connection.jetStream(), new DirectGet(connection, "purged", TIMEOUT),
                new LeaderReads(connection, jsm, "purged", TIMEOUT), "purged", TIMEOUT);

        List<String> read = new ArrayList<>();
        reader.read("purged.1", 0, cutOff("purged.1", 2), message -> read.add(new String(message.data(), StandardCharsets.UTF_8)));

        assertThat(read).containsExactly("first");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The cut-off a load hands the reader: the subject's last message, read before the rest. */
    private static StoredMessage cutOff(String subject, long sequence) {
        return new StoredMessage(subject, sequence, new io.nats.client.impl.Headers(), new byte[0]);
    }
}
