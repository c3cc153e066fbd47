package io.rita.service;

import io.rita.decider.Decider;
import io.rita.eventstore.Subjects;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The route {@link Route#command} makes; the documentation of what it serves is there. A
 * package-private value, so that users build routes through {@link Route} alone and the
 * dispatcher can still match on the kind.
 */
record CommandRoute<C, E, S>(String name, String pattern, CommandDecoder<? extends C> decoder,
                             BiFunction<Request, C, String> aggregate,
                             Decider<? super C, E, S> decider,
                             BiFunction<S, List<E>, Object> reply) implements Route {

    public CommandRoute {
        Objects.requireNonNull(name, "name");
        Subjects.requireFilter("a route pattern", pattern);
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(decider, "decider");
        Objects.requireNonNull(reply, "reply");
    }

    /**
     * A command route with the default name, the JSON decoder and an empty reply.
     *
     * @throws IllegalArgumentException when the pattern is not a valid subject filter
     */
    public static <C, E, S> CommandRoute<C, E, S> of(String pattern, Class<C> commandType,
                                                     BiFunction<Request, C, String> aggregate,
                                                     Decider<? super C, E, S> decider) {
        String name = EndpointNames.defaultName(pattern);
        // else every request would be a 400 "Unrecognized Type: [null]", blaming the caller
        Objects.requireNonNull(commandType, "commandType");
        return new CommandRoute<>(name, pattern, CommandDecoder.json(commandType), aggregate, decider,
                (state, events) -> null);
    }

    /** This route under another endpoint name. */
    public CommandRoute<C, E, S> withName(String newName) {
        return new CommandRoute<>(newName, pattern, decoder, aggregate, decider, reply);
    }

    /** This route with another body decoder. */
    public CommandRoute<C, E, S> withDecoder(CommandDecoder<? extends C> newDecoder) {
        return new CommandRoute<>(name, pattern, newDecoder, aggregate, decider, reply);
    }

    /**
     * This route replying with a body computed from the new state and the events appended.
     * A re-sent command gets the body computed from the current state and the events it stored.
     */
    public CommandRoute<C, E, S> withReply(BiFunction<S, List<E>, Object> newReply) {
        return new CommandRoute<>(name, pattern, decoder, aggregate, decider, newReply);
    }
}
