package io.rita.service;

import io.rita.aggregate.AggregateEngine;
import io.rita.aggregate.Folded;

import java.util.Map;

/**
 * A query route bound to the engine of its view: the state comes from the same cache as the
 * commands', and never from before the request's {@value ServiceHeaders#MIN_SEQUENCE}.
 */
final class QueryEndpoint<E, S> {

    private final QueryRoute<E, S> route;
    private final AggregateEngine<?, E, S> engine;
    private final DispatchOptions options;
    private final RouteStatistics statistics;

    QueryEndpoint(QueryRoute<E, S> route, AggregateEngine<?, E, S> engine, DispatchOptions options,
                  RouteStatistics statistics) {
        this.route = route;
        this.engine = engine;
        this.options = options;
        this.statistics = statistics;
    }

    Reply serve(Request request) {
        statistics.recordQuery();
        Long minSequence = Ids.sequenceHeader(request, ServiceHeaders.MIN_SEQUENCE);
        String subject = RouteSubjects.resolve(route.subject(), request, false, BadRequestException.Part.SUBJECT);
        Folded<S> folded = minSequence == null ? engine.read(subject) : engine.read(subject, minSequence);
        Object result = route.result().apply(folded.state(), request);
        return new Reply.Success(JsonBodies.encode(options.json(), result),
                Map.of(ServiceHeaders.SEQUENCE, Long.toString(folded.sequence())));
    }
}
