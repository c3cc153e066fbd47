package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.rita.service.Route;
import io.rita.service.ServiceHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers requests under {@code kmm.services.>} that no endpoint serves with
 * {@code unknown service operation} (as the original does), instead of leaving the client to
 * time out or to read "no responders" as "the service is down".
 *
 * <p>The service API gives each route its own endpoint subscription, so there is no route for
 * "everything else". This subscription sees every request under the prefix, in a queue group of
 * its own (so one {@code kmm serve} of several answers), and stays silent for the subjects an
 * endpoint serves: those get exactly one reply, from their endpoint.
 */
final class UnknownOperations implements AutoCloseable {

    static final String MESSAGE = "unknown service operation";
    private static final String QUEUE = "kmm-unknown-operations";

    private final Connection connection;
    private final Set<String> known;
    private final Dispatcher dispatcher;

    UnknownOperations(Connection connection, List<Route> routes) {
        this.connection = connection;
        this.known = routes.stream().map(Route::pattern).collect(Collectors.toUnmodifiableSet());
        this.dispatcher = connection.createDispatcher(this::answer);
        dispatcher.subscribe(KmmSubjects.SERVICES + ".>", QUEUE);
    }

    private void answer(Message request) {
        if (request.getReplyTo() == null || served(request.getSubject())) {
            return;
        }
        String text = request.getSubject().split("\\.", -1).length == 4 ? MESSAGE
                : MESSAGE + ": requests go to " + KmmSubjects.SERVICES + ".<account>.<operation>, the account one word";
        Headers headers = new Headers()
                .put(ServiceHeaders.SERVICE_ERROR, text)
                .put(ServiceHeaders.SERVICE_ERROR_CODE, "404");
        connection.publish(request.getReplyTo(), headers, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an endpoint's pattern ({@code kmm.services.*.balance}) matches the subject. */
    private boolean served(String subject) {
        String[] tokens = subject.split("\\.", -1);
        return tokens.length == 4 && known.contains(KmmSubjects.SERVICES + ".*." + tokens[3]);
    }

    @Override
    public void close() {
        if (dispatcher.isActive()) {
            connection.closeDispatcher(dispatcher);
        }
    }
}
