package io.rita.service;

import java.util.Map;

/** A projection route: the reply comes from the projection's views, read as they are. */
final class ProjectionEndpoint<V> {

    private final ProjectionRoute<V> route;
    private final DispatchOptions options;
    private final RouteStatistics statistics;

    ProjectionEndpoint(ProjectionRoute<V> route, DispatchOptions options, RouteStatistics statistics) {
        this.route = route;
        this.options = options;
        this.statistics = statistics;
    }

    Reply serve(Request request) {
        statistics.recordQuery();
        Object result = route.result().apply(route.views(), request);
        return new Reply.Success(JsonBodies.encode(options.json(), result), Map.of());
    }
}
