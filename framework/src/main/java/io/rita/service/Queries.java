package io.rita.service;

import io.rita.service.internal.Aggregates;
import io.rita.service.internal.JsonBodies;
import io.rita.service.internal.Snapshot;
import io.rita.service.internal.Turns;

import java.util.Map;

/** Serves query routes: see {@link QueryRoute}. */
final class Queries {

    private final Aggregates aggregates;
    private final Turns turns;
    private final DispatchOptions options;

    Queries(Aggregates aggregates, Turns turns, DispatchOptions options) {
        this.aggregates = aggregates;
        this.turns = turns;
        this.options = options;
    }

    /** One query, from its request to its reply. */
    <E, S> Reply handle(QueryRoute<E, S> route, Request request) {
        String subject = RouteSubjects.resolve(route.subject(), request, false, BadRequestException.Part.SUBJECT);
        // in the subject's turn, like commands, so that a query never replaces a newer cache entry
        Snapshot snapshot = turns.run(subject, () -> aggregates.current(subject, route.view()));
        @SuppressWarnings("unchecked")
        S state = (S) snapshot.state();
        Object result = route.result().apply(state, request);
        return new Reply.Success(JsonBodies.encode(options.json(), result),
                Map.of(ServiceHeaders.SEQUENCE, Long.toString(snapshot.sequence())));
    }
}
