package io.rita.service;

/**
 * Traces each command a {@link Dispatcher} serves: a span (or whatever the tracing system calls
 * it) from the request to the answer, continuing the W3C trace context the request carried in
 * its {@value ServiceHeaders#TRACEPARENT} header, and the context stored with the command's
 * events so that whoever reads them later continues the trace. The module
 * {@code framework-opentelemetry} implements it with OpenTelemetry; without it the dispatcher
 * stores the request's own {@code traceparent} and traces nothing.
 *
 * <pre>{@code
 * DispatchOptions options = DispatchOptions.defaults().withTracing(new OpenTelemetryTracing(openTelemetry));
 * }</pre>
 *
 * <p>An implementation must not throw: tracing never fails a command.
 */
@FunctionalInterface
public interface CommandTracing {

    /** Traces nothing; the request's {@code traceparent}, if well formed, is stored as it came. */
    CommandTracing NONE = (route, request) -> Trace.UNTRACED;

    /**
     * Starts tracing one command request on {@code route} (its name). The trace is ended with
     * {@link Trace#end} once the command is answered, on the same thread.
     */
    Trace start(String route, Request request);

    /** One command being traced. */
    interface Trace {

        /** Nothing traced: the request's own trace context is stored with the events. */
        Trace UNTRACED = new Trace() {
            @Override
            public String traceparent() {
                return null;
            }

            @Override
            public void end(String result, long sequence) {
            }
        };

        /**
         * The W3C {@code traceparent} to store with the command's events (the command's own span,
         * as a child of the request's), or {@code null} to store the request's as it came.
         */
        String traceparent();

        /**
         * Ends the trace.
         *
         * @param result   how the command ended: {@code accepted}, {@code duplicate}, {@code rejected},
         *                 {@code conflict}, {@code bad-request} or {@code failed}
         * @param sequence the aggregate's sequence in the answer, or {@code -1} when there is none
         */
        void end(String result, long sequence);
    }
}
