package io.rita.kmm.service.web;

import com.sun.net.httpserver.HttpExchange;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.api.DeliverPolicy;
import io.rita.kmm.domain.LedgerEntry;
import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.KmmWire;
import io.rita.types.CodecException;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's server-sent-event stream, {@code GET /api/events[?ledger=<account>]}: one per
 * browser tab, because a browser opens at most six HTTP/1.1 connections to one host and an
 * event stream holds one for as long as the tab follows it.
 *
 * <ul>
 *   <li>Always: one {@code account} event, {@code {"account":"susie","sequence":9}}, for every
 *       event stored on any account from now on, so the page refreshes that account.</li>
 *   <li>With {@code ledger=<account>}: that account's ledger, history then live. Each deposit or
 *       withdrawal is an {@code entry} event, its id the stream sequence, its data
 *       {@code {"sequence":7,"amount":"-7.5","time":"…","description":"…","balance":"22.5"}} with
 *       the balance after it; one {@code ready} event follows the history (at once for an
 *       account without events).</li>
 * </ul>
 * A reconnecting {@code EventSource} gets the ledger's history again.
 */
final class LiveEndpoints implements AutoCloseable {

    /** A frame is sent at least this often, so a browser that has gone is noticed. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Frames one slow client may have queued before its stream is restarted. */
    private static final int BACKLOG = 10_000;

    /** One ledger line as the {@code entry} event carries it. */
    record Line(long sequence, String amount, String time, String description, String balance) {
    }

    /** The {@code account} event. */
    record Changed(String account, long sequence) {
    }

    private final LiveFeeds feeds;
    private final Set<EventChannel> channels = ConcurrentHashMap.newKeySet();

    LiveEndpoints(LiveFeeds feeds) {
        this.feeds = feeds;
    }

    /** Serves the stream; {@code ledger} is the account whose ledger it carries too, or {@code null}. */
    void events(HttpExchange exchange, String ledger) throws IOException, InterruptedException {
        EventChannel channel = new EventChannel(BACKLOG);
        List<LiveFeeds.Feed> following = new ArrayList<>();
        try {
            int prefix = KmmSubjects.ACCOUNTS.length() + 1;
            MessageHandler changed = message -> channel.send("account", 0,
                    new Changed(message.getSubject().substring(prefix), message.metaData().streamSequence()));
            following.add(feeds.follow(KmmSubjects.ACCOUNTS + ".*", DeliverPolicy.New, changed));
            if (ledger != null) {
                String subject = KmmSubjects.account(ledger);
                // counted before following: when there is nothing yet, the history is complete at once,
                // and an event stored in between arrives after "ready", as a live entry
                boolean empty = feeds.count(subject) == 0;
                if (empty) {
                    channel.send("ready", 0, Map.of());
                }
                following.add(feeds.follow(subject, DeliverPolicy.All, new LedgerLines(channel, !empty)));
            }
            channels.add(channel);
            channel.serve(exchange, KEEP_ALIVE);
        } finally {
            channels.remove(channel);
            channel.close();
            following.forEach(LiveFeeds.Feed::close);
        }
    }

    /** Ends every open stream (the page is stopping); browsers will try to reconnect. */
    @Override
    public void close() {
        channels.forEach(EventChannel::close);
    }

    /** Turns an account's stored messages into ledger lines with a running balance. */
    private static final class LedgerLines implements MessageHandler {

        private final EventChannel channel;
        private boolean awaitingReady;
        // one NATS dispatcher thread calls onMessage, in order: no lock needed
        private BigDecimal balance = BigDecimal.ZERO;

        LedgerLines(EventChannel channel, boolean awaitingReady) {
            this.channel = channel;
            this.awaitingReady = awaitingReady;
        }

        @Override
        public void onMessage(Message message) {
            long sequence = message.metaData().streamSequence();
            entry(message).ifPresent(entry -> {
                balance = balance.add(entry.amount());
                channel.send("entry", sequence, new Line(sequence, KmmWire.decimal(entry.amount()),
                        entry.time().toString(), entry.description(), KmmWire.decimal(balance)));
            });
            if (awaitingReady && message.metaData().pendingCount() == 0) {
                awaitingReady = false;
                channel.send("ready", 0, Map.of());
            }
        }

        /** The entry of a deposit or withdrawal; empty for budget events and what cannot be read. */
        private static Optional<LedgerEntry> entry(Message message) {
            try {
                return KmmWire.event(message.getHeaders(), message.getData()).flatMap(LedgerEntry::from);
            } catch (CodecException e) {
                // another writer's message (e.g. a batch of several events): not a ledger line
                return Optional.empty();
            }
        }
    }
}
