package io.rita.client;

import io.nats.client.impl.Headers;
import io.rita.aggregate.CommandOptions;
import io.rita.eventstore.Expected;
import io.rita.service.ServiceHeaders;

import java.util.LinkedHashMap;
import java.util.Map;

/** A command's request headers, from the engine's {@link CommandOptions}. */
final class CommandHeaders {

    private CommandHeaders() {
    }

    /**
     * The headers of a command: its id, and what the options carry.
     *
     * @throws IllegalArgumentException for metadata other than {@code traceparent}
     */
    static Map<String, String> of(String commandId, CommandOptions commandOptions) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ServiceHeaders.COMMAND_ID, commandId);
        if (commandOptions.correlationId() != null) {
            headers.put(ServiceHeaders.CORRELATION_ID, commandOptions.correlationId());
        }
        if (commandOptions.expected() instanceof Expected.Sequence sequence) {
            headers.put(ServiceHeaders.EXPECTED_SEQUENCE, Long.toString(sequence.value()));
        }
        commandOptions.meta().forEach((key, value) -> {
            if (!key.equals(ServiceHeaders.TRACEPARENT_META)) {
                throw new IllegalArgumentException("a service stores only '" + ServiceHeaders.TRACEPARENT_META
                        + "' metadata from a request, not '" + key + "'; leave it out, or send it in the command");
            }
            headers.put(ServiceHeaders.TRACEPARENT, value);
        });
        return headers;
    }

    /** Fresh headers per send: jnats may hold on to what it was given. */
    static Headers wire(Map<String, String> headers) {
        Headers wire = new Headers();
        headers.forEach(wire::put);
        return wire;
    }
}
