package io.rita.service;

import io.rita.aggregate.AggregateEngine;
import io.rita.aggregate.CommandOptions;
import io.rita.aggregate.Outcome;
import io.rita.eventstore.DuplicateEventIdException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.PayloadTooLargeException;
import io.rita.service.Reply.Failure;

import java.util.List;
import java.util.Map;

/**
 * A command route bound to the engine of its decider: request in, reply out. The whole of what
 * NATS adds to a command: read the headers and the body, name the aggregate, hand it to the
 * engine, and turn the outcome into a reply.
 */
final class CommandEndpoint<K, E, S> {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final CommandRoute<K, E, S> route;
    private final AggregateEngine<? super K, E, S> engine;
    private final DispatchOptions options;

    CommandEndpoint(CommandRoute<K, E, S> route, AggregateEngine<? super K, E, S> engine, DispatchOptions options) {
        this.route = route;
        this.engine = engine;
        this.options = options;
    }

    Reply serve(Request request) {
        CommandTracing.Trace trace = startTrace(request);
        Ending ending = new Ending();
        try {
            return serve(request, trace, ending);
        } catch (BadRequestException e) {
            ending.result = "bad-request";
            throw e;
        } finally {
            try {
                trace.end(ending.result, ending.sequence);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "tracing failed to end a command on " + route.name(), e);
            }
        }
    }

    /** How a command ended, for its trace. */
    private static final class Ending {
        String result = "failed";
        long sequence = -1;

        Reply set(String newResult, long newSequence, Reply reply) {
            result = newResult;
            sequence = newSequence;
            return reply;
        }
    }

    private CommandTracing.Trace startTrace(Request request) {
        try {
            return options.tracing().start(route.name(), request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "tracing failed to start a command on " + route.name(), e);
            return CommandTracing.Trace.UNTRACED;
        }
    }

    private Reply serve(Request request, CommandTracing.Trace trace, Ending ending) {
        String commandId = Ids.header(request, ServiceHeaders.COMMAND_ID);
        String correlationId = Ids.header(request, ServiceHeaders.CORRELATION_ID);
        Long expected = Ids.sequenceHeader(request, ServiceHeaders.EXPECTED_SEQUENCE);
        K command = decode(request.body());
        String subject = RouteSubjects.resolve(input -> route.aggregate().apply(input, command), request, true,
                BadRequestException.Part.BODY);
        CommandOptions commandOptions = CommandOptions.defaults().withCommandId(commandId)
                .withCorrelationId(correlationId)
                .withExpected(expected == null ? Expected.any() : Expected.sequence(expected))
                .withOrigin(route.name());
        String traceparent = trace.traceparent() != null ? trace.traceparent()
                : request.header(ServiceHeaders.TRACEPARENT);
        if (traceparent != null && Ids.isTraceparent(traceparent)) {
            commandOptions = commandOptions.withMeta(ServiceHeaders.TRACEPARENT_META, traceparent);
        }
        Outcome<E, S> outcome;
        try {
            outcome = engine.handle(subject, command, commandOptions);
        } catch (DuplicateEventIdException reused) {
            // JetStream de-duplicates ids stream-wide: the same id on another aggregate would
            // otherwise be acknowledged as stored while nothing was
            return ending.set("bad-request", -1, Failure.badRequest("command id " + commandId
                    + " was already used on " + reused.storedOn() + "; nothing was stored on " + subject
                    + ": send every command with its own id"));
        } catch (PayloadTooLargeException tooLarge) {
            return ending.set("bad-request", -1, new Failure(Failure.TOO_LARGE, "the events of this command encode to "
                    + tooLarge.size() + " bytes, over the limit of " + tooLarge.max() + " bytes; nothing was stored"));
        }
        return switch (outcome) {
            case Outcome.Accepted<E, S> accepted -> ending.set("accepted", accepted.sequence(),
                    stored(subject, accepted.state(), accepted.events(), accepted.sequence()));
            case Outcome.Duplicate<E, S> again -> ending.set("duplicate", again.sequence(),
                    stored(subject, again.state(), again.events(), again.sequence()));
            case Outcome.Rejected<E, S> rejected -> ending.set("rejected", -1, Failure.rejected(rejected.message()));
            case Outcome.Conflict<E, S> conflict -> ending.set("conflict", conflict.actual(),
                    new Failure(Failure.CONFLICT, conflict.message(),
                            Map.of(ServiceHeaders.SEQUENCE, Long.toString(conflict.actual()))));
        };
    }

    /**
     * The reply to a command whose events are stored. If the reply function fails, the reply is
     * still a success with the sequence and an empty body: a 500 would tell the client that
     * nothing happened, and a client that then sent the command again without its id would have
     * it stored twice.
     */
    private Reply stored(String subject, S state, List<E> events, long sequence) {
        Map<String, String> headers = Map.of(ServiceHeaders.SEQUENCE, Long.toString(sequence));
        try {
            return new Reply.Success(JsonBodies.encode(options.json(), route.reply().apply(state, events)), headers);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a command on " + subject + " is stored at sequence " + sequence
                    + " but route " + route.name() + " could not compute its reply; replied success without a body", e);
            return new Reply.Success(new byte[0], headers);
        }
    }

    private K decode(byte[] body) {
        K command;
        try {
            command = route.decoder().decode(body, options.json());
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
}
