package io.rita.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Route;
import io.rita.service.DispatchOptions;
import io.rita.service.Dispatcher;
import io.rita.service.Request;
import io.rita.service.ServiceHeaders;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenTelemetryTracingTest {

    record Add(int n) {
    }

    record Added(int n) {
    }

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final InMemoryEventStore store = new InMemoryEventStore("counters",
            RitaOptions.defaults().withTypes(TypeRegistry.builder().add("added", Added.class).build()));
    private final Decider<Add, Added, Integer> counter = Decider.of(0, (state, add) -> {
        if (add.n() < 0) {
            throw new Rejection("counter: n must be positive");
        }
        if (add.n() == 0) {
            throw new IllegalStateException("a bug");
        }
        return List.of(new Added(add.n()));
    }, (state, added) -> state + added.n());
    private final Dispatcher dispatcher = Dispatcher.of(store,
            List.of(Route.command("counters.*.add", Add.class, (req, add) -> "counters." + req.token(1), counter)),
            DispatchOptions.defaults().withTracing(new OpenTelemetryTracing(openTelemetry)));

    @AfterEach
    void close() {
        openTelemetry.close();
    }

    private static Request add(int n) {
        return Request.of("counters.c1.add", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void continues_the_requests_trace_and_stores_the_commands_span_with_its_events() {
        dispatcher.dispatch(add(3).withHeader(ServiceHeaders.TRACEPARENT, "00-" + TRACE + "-" + CLIENT_SPAN + "-01"));

        SpanData span = spans.getFinishedSpanItems().getFirst();
        assertThat(span.getName()).isEqualTo("rita add");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(CLIENT_SPAN);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("rita.result"))).isEqualTo("accepted");
        assertThat(span.getAttributes().get(AttributeKey.longKey("rita.sequence"))).isEqualTo(1L);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo("counters.c1.add");
        StoredEvent stored = store.load("counters.c1").events().getFirst();
        assertThat(stored.meta().get(ServiceHeaders.TRACEPARENT_META))
                .isEqualTo("00-" + TRACE + "-" + span.getSpanId() + "-01");
    }

    @Test
    void starts_a_trace_of_its_own_for_a_request_without_one() {
        dispatcher.dispatch(add(3));

        SpanData span = spans.getFinishedSpanItems().getFirst();
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(store.load("counters.c1").events().getFirst().meta().get(ServiceHeaders.TRACEPARENT_META))
                .contains(span.getTraceId()).contains(span.getSpanId());
    }

    @Test
    void records_how_each_command_ended() {
        dispatcher.dispatch(add(-1));
        dispatcher.dispatch(add(0));
        dispatcher.dispatch(Request.of("counters.c1.add", "{".getBytes(StandardCharsets.UTF_8)));

        assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getAttributes().get(AttributeKey.stringKey("rita.result")))
                .containsExactly("rejected", "failed", "bad-request");
        assertThat(spans.getFinishedSpanItems().get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(spans.getFinishedSpanItems().get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void a_malformed_traceparent_starts_a_new_trace_and_fails_nothing() {
        dispatcher.dispatch(add(3).withHeader(ServiceHeaders.TRACEPARENT, "not a trace"));

        assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getParentSpanContext().isValid()).as("a parent").isFalse();
            assertThat(span.getSpanContext().isValid()).isTrue();
        });
        assertThat(store.load("counters.c1").events()).hasSize(1);
    }
}
