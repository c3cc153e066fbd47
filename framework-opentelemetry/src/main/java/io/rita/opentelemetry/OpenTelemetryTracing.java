package io.rita.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.rita.service.CommandTracing;
import io.rita.service.Request;
import io.rita.service.ServiceHeaders;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Traces Rita's commands with OpenTelemetry: a {@link SpanKind#SERVER} span per command request
 * named {@code rita <route>}, a child of the trace context the request carried (W3C
 * {@code traceparent}, read with the OpenTelemetry instance's propagators), and that span's
 * context stored with the command's events as their {@code traceparent} metadata, so that a
 * projection or another service reading the events continues the same trace.
 *
 * <pre>{@code
 * DispatchOptions options = DispatchOptions.defaults().withTracing(new OpenTelemetryTracing(openTelemetry));
 * }</pre>
 *
 * <p>Attributes: {@code messaging.system} {@code nats}, {@code messaging.destination.name} (the
 * request subject), {@code rita.route}, {@code rita.result} (accepted, duplicate, rejected,
 * conflict, bad-request, failed) and {@code rita.sequence}. A failed command sets the span's
 * status to error. Never throws into the command.
 */
public final class OpenTelemetryTracing implements CommandTracing {

    /** The instrumentation scope name of the spans. */
    public static final String SCOPE = "io.rita";

    private static final TextMapGetter<Request> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Request request) {
            return request.headers().keySet();
        }

        @Override
        public String get(Request request, String key) {
            return request == null ? null : request.header(key);
        }
    };
    private static final TextMapSetter<Map<String, String>> INTO_MAP = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.put(key, value);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /** Tracing with {@code openTelemetry}'s tracer provider and propagators. */
    public OpenTelemetryTracing(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public Trace start(String route, Request request) {
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        Span span = tracer.spanBuilder("rita " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("messaging.system", "nats")
                .setAttribute("messaging.destination.name", request.subject())
                .setAttribute("rita.route", route)
                .startSpan();
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(Context.root().with(span), carrier, INTO_MAP);
        String traceparent = carrier.get(ServiceHeaders.TRACEPARENT);
        return new Trace() {
            @Override
            public String traceparent() {
                return traceparent;
            }

            @Override
            public void end(String result, long sequence) {
                span.setAttribute("rita.result", result);
                if (sequence >= 0) {
                    span.setAttribute("rita.sequence", sequence);
                }
                if (result.equals("failed")) {
                    span.setStatus(StatusCode.ERROR, "the command failed; the service's log has the reference");
                }
                span.end();
            }
        };
    }
}
