package io.rita.types;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of an event type's history: turns the JSON of an event stored at one version into
 * the JSON of the next version. Registered with
 * {@link TypeRegistry.Builder#upcast(String, int, Upcaster)}; on load, a stored event older than
 * its type's current version goes through every step from its version up, and the result is
 * decoded into the current record. Stored events are never rewritten.
 *
 * <pre>{@code
 * // version 1 stored {"Value": "20"}; version 2 calls it "Amount"
 * TypeRegistry types = TypeRegistry.builder()
 *     .add("funds-deposited", FundsDeposited.class)
 *     .upcast("funds-deposited", 1, json -> json.set("Amount", json.remove("Value")))
 *     .build();
 * }</pre>
 *
 * <p>The tree is the event's stored JSON, as its writer named the fields (Go Rita's events
 * included), parsed for this call only: change it and return it, or return a new object. An
 * upcaster should be a pure function of its input; it runs on every load of an old event.
 * Whatever it throws fails the load with an
 * {@link io.rita.eventstore.EventDecodingException} that names the event's type, version,
 * subject and sequence.
 */
@FunctionalInterface
public interface Upcaster {

    /**
     * The event's JSON at the next version.
     *
     * @param event the event's JSON at this step's version: an object, never {@code null}
     * @return the JSON at the next version; must not be {@code null}
     */
    ObjectNode upcast(ObjectNode event);
}
