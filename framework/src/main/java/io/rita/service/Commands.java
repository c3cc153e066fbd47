package io.rita.service;

import io.rita.decider.Rejection;
import io.rita.eventstore.AppendOptions;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.DuplicateEventIdException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.PayloadTooLargeException;
import io.rita.service.Reply.Failure;
import io.rita.service.internal.Aggregates;
import io.rita.service.internal.Backoff;
import io.rita.service.internal.JsonBodies;
import io.rita.service.internal.RecentCommands.Recorded;
import io.rita.service.internal.Snapshot;
import io.rita.service.internal.Turns;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The dispatch loop of command routes: see {@link Dispatcher}. */
final class Commands {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final EventStore store;
    private final Aggregates aggregates;
    private final Turns turns;
    private final DispatchOptions options;
    private final Backoff backoff;

    Commands(EventStore store, Aggregates aggregates, Turns turns, DispatchOptions options) {
        this.store = store;
        this.aggregates = aggregates;
        this.turns = turns;
        this.options = options;
        this.backoff = new Backoff(options.backoffMin(), options.backoffMax());
    }

    /** One command, from its request to its reply. */
    <C, E, S> Reply handle(CommandRoute<C, E, S> route, CommandDecoder<C> decoder, Request request) {
        String sentId = Ids.header(request, ServiceHeaders.COMMAND_ID);
        String commandId = sentId != null ? sentId : options.ids().get();
        String correlationId = Ids.header(request, ServiceHeaders.CORRELATION_ID);
        Long expected = Ids.sequenceHeader(request, ServiceHeaders.EXPECTED_SEQUENCE);
        C command = decode(decoder, request.body());
        String subject = aggregateSubject(route, new CommandRequest<>(request, command));
        Attempt<C, E, S> attempt = new Attempt<>(route, command, subject, commandId,
                correlationId != null ? correlationId : commandId, expected, sentId != null);
        return turns.run(subject, () -> decideAndAppend(attempt));
    }

    /** Everything one command needs inside its aggregate's turn. */
    private record Attempt<C, E, S>(CommandRoute<C, E, S> route, C command, String subject, String commandId,
                                    String correlationId, Long expected, boolean mayBeResent) {
    }

    private <C, E, S> Reply decideAndAppend(Attempt<C, E, S> a) {
        CommandRoute<C, E, S> route = a.route();
        long lastSeen = -1;
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            Snapshot snapshot = aggregates.current(a.subject(), route.decider());
            @SuppressWarnings("unchecked")
            S state = (S) snapshot.state();

            Recorded earlier = snapshot.recent().find(a.commandId());
            if (earlier != null) {
                // a re-sent command: answer as the first time, append nothing
                @SuppressWarnings("unchecked")
                List<E> stored = (List<E>) earlier.events();
                return stored(a, earlier.sequence(),
                        () -> success(route.reply().apply(state, stored), earlier.sequence()));
            }
            if (a.expected() != null && a.expected() != snapshot.sequence()) {
                return stale(a, snapshot.sequence());
            }
            if (route.decider().isTerminal(state)) {
                return Failure.rejected("aggregate " + a.subject() + " has ended and accepts no more commands");
            }
            List<E> events;
            try {
                events = route.decider().decide(state, a.command());
            } catch (Rejection rejection) {
                return Failure.rejected(rejection.getMessage());
            }
            if (events == null) {
                throw new IllegalStateException("decider of route " + route.name() + " returned null, not a list");
            }
            if (events.isEmpty()) {
                return success(route.reply().apply(state, events), snapshot.sequence());
            }
            long sequence;
            try {
                sequence = store.append(a.subject(), wrap(events, a), AppendOptions.expect(snapshot.sequence()));
            } catch (ConcurrencyConflictException conflict) {
                if (a.expected() != null) {
                    return stale(a, conflict.actual());
                }
                lastSeen = conflict.actual();
                LOG.log(System.Logger.Level.DEBUG, "conflict on {0}, attempt {1}", a.subject(), attempt);
                if (attempt < options.maxAttempts()) {
                    backoff.pause(attempt);
                }
                continue;
            } catch (DuplicateEventIdException reused) {
                // JetStream de-duplicates ids stream-wide: the same id on another aggregate would
                // otherwise be acknowledged as stored while nothing was
                return Failure.badRequest("command id " + a.commandId() + " was already used on "
                        + reused.storedOn() + "; nothing was stored on " + a.subject()
                        + ": send every command with its own id");
            } catch (PayloadTooLargeException tooLarge) {
                return new Failure(Failure.TOO_LARGE, "the events of this command encode to " + tooLarge.size()
                        + " bytes, over the limit of " + tooLarge.max() + " bytes; nothing was stored");
            }
            long appended = sequence;
            return stored(a, sequence, () -> {
                S next = route.decider().fold(state, events);
                if (!a.mayBeResent()) {
                    snapshot.recent().record(a.commandId(), appended, events);
                    aggregates.remember(a.subject(), route.decider(), new Snapshot(next, appended, snapshot.recent()));
                }
                // else the cache stays where it was and the next request reads these events back: a
                // command id chosen by the client may be in flight elsewhere too, and then JetStream's
                // duplicate window answers our append with *that* message's sequence, which may lie
                // after events we have not folded; only a read tells the two cases apart
                return success(route.reply().apply(next, events), appended);
            });
        }
        return new Failure(Failure.CONFLICT, "gave up on " + a.subject() + " after " + options.maxAttempts()
                + " attempts: other writers kept changing it; try again",
                lastSeen < 0 ? Map.of() : Map.of(ServiceHeaders.SEQUENCE, Long.toString(lastSeen)));
    }

    /**
     * The reply to a command whose events are stored. If folding them or computing the body fails,
     * the reply is still a success with the sequence and an empty body: a 500 would tell the
     * client that nothing happened, and a client that then sends the command again without its
     * id would have it stored twice.
     */
    private Reply stored(Attempt<?, ?, ?> a, long sequence, Supplier<Reply> reply) {
        try {
            return reply.get();
        } catch (RuntimeException e) {
            aggregates.forget(a.subject(), a.route().decider());
            LOG.log(System.Logger.Level.ERROR, "command " + a.commandId() + " on " + a.subject()
                    + " is stored at sequence " + sequence + " but its reply could not be computed; replied success"
                    + " without a body", e);
            return new Reply.Success(new byte[0], Map.of(ServiceHeaders.SEQUENCE, Long.toString(sequence)));
        }
    }

    private Reply stale(Attempt<?, ?, ?> a, long actual) {
        return new Failure(Failure.CONFLICT, "expected sequence " + a.expected() + " but " + a.subject() + " is at "
                + actual + ": refresh and decide again", Map.of(ServiceHeaders.SEQUENCE, Long.toString(actual)));
    }

    private Reply success(Object body, long sequence) {
        return new Reply.Success(JsonBodies.encode(options.json(), body),
                Map.of(ServiceHeaders.SEQUENCE, Long.toString(sequence)));
    }

    private List<Event> wrap(List<?> events, Attempt<?, ?, ?> a) {
        OffsetDateTime now = OffsetDateTime.now(options.clock());
        Map<String, String> meta = Map.of(ServiceHeaders.CORRELATION_META, a.correlationId(),
                ServiceHeaders.CAUSATION_META, a.commandId());
        List<Event> wrapped = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            wrapped.add(Event.of(events.get(i)).withId(a.commandId() + "-" + i).withTime(now).withMeta(meta));
        }
        return wrapped;
    }

    private static <C> C decode(CommandDecoder<C> decoder, byte[] body) {
        C command;
        try {
            command = decoder.decode(body);
        } catch (BadRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRequestException("bad request body: " + e.getMessage());
        }
        if (command == null) {
            throw new BadRequestException("bad request body: no command");
        }
        return command;
    }

    private static <C> String aggregateSubject(CommandRoute<C, ?, ?> route, CommandRequest<C> request) {
        return RouteSubjects.resolve(route.aggregate(), request, true, BadRequestException.Part.BODY);
    }
}
