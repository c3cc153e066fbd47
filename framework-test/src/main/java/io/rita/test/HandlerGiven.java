package io.rita.test;

import io.rita.service.Request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The first stage of a handler scenario: events already in the store, on one or more subjects.
 *
 * <pre>{@code
 * fx.given("counters.c1", new Added(4, NOW)).given("counters.c2", new Added(1, NOW))
 *   .when("counters.c1.add", "{\"amount\":3}").thenStored(new Added(3, NOW));
 * }</pre>
 */
public final class HandlerGiven {

    private final HandlerFixture fixture;
    private final List<HandlerScenario.Appended> given;

    HandlerGiven(HandlerFixture fixture, List<HandlerScenario.Appended> given) {
        this.fixture = fixture;
        this.given = given;
    }

    /** Also these events on {@code subject}, stored one append each, after the ones given so far. */
    public HandlerGiven given(String subject, Object... events) {
        List<HandlerScenario.Appended> more = new ArrayList<>(given);
        more.add(new HandlerScenario.Appended(subject, List.of(events)));
        return new HandlerGiven(fixture, List.copyOf(more));
    }

    /** The request to serve. */
    public HandlerWhen when(Request request) {
        return new HandlerWhen(fixture.scenario(given, request), Set.of());
    }

    /** A request with this subject and UTF-8 body. */
    public HandlerWhen when(String subject, String body) {
        return when(Request.of(subject, body.getBytes(StandardCharsets.UTF_8)));
    }
}
