/**
 * Rita for Java: event sourcing on NATS JetStream.
 *
 * <p>The API, package by package: {@link io.rita.decider} (what domain code implements),
 * {@link io.rita.types} (event and command type names, codecs), {@link io.rita.eventstore} (the
 * event store and its entry point {@link io.rita.eventstore.Rita}), {@link io.rita.aggregate}
 * (the command engine), {@link io.rita.service} (hosting the engine as NATS services),
 * {@link io.rita.client} (calling such services), and {@link io.rita.projection} (read models
 * across aggregates). A nats-server child process, for tests and embedded use, is in the module
 * {@code io.rita.nats} (artifact {@code nats-server-process}).
 * {@code io.rita.internal} holds the JetStream plumbing and is not exported.
 */
module io.rita {
    // jnats' Connection and Jackson's ObjectMapper appear in the API, so users get them too
    requires transitive io.nats.jnats;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires io.github.classgraph;

    exports io.rita.aggregate;
    exports io.rita.client;
    exports io.rita.decider;
    exports io.rita.eventstore;
    exports io.rita.projection;
    exports io.rita.service;
    exports io.rita.types;

    // Jackson reads and writes the records of a multi-event message (MessagePacking.BatchEntry)
    opens io.rita.eventstore to com.fasterxml.jackson.databind;
    // and a projection's own records in its bucket (the lease, the ready and failure markers)
    opens io.rita.projection to com.fasterxml.jackson.databind;
}
