package io.rita.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.eventstore.Event;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.types.Codec;
import io.rita.types.TypeRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The decoding half of a load without the network: {@code events} JSON events loaded from the
 * test kit's in-memory store (the store's event encoding and the type registry, as the JetStream
 * store uses them) against Jackson reading the same bytes into the same record. No NATS. It
 * isolates what schema evolution adds to a load:
 * <ul>
 *   <li>{@code plain}: a type without upcasters (every type before versions existed);</li>
 *   <li>{@code current}: a type with an upcaster, its events stored at the current version
 *       (the common case once a type has changed: no upcast should run);</li>
 *   <li>{@code upcast}: the same type, its events stored at version 1, so that every load runs
 *       the upcast (JSON tree, one step, bytes again, decode).</li>
 * </ul>
 * One operation = one load; events/s = operations/s x {@code events} (see {@link Report}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {

    private static final String SUBJECT = "bench.decode";
    private static final ObjectMapper MAPPER = Codec.jsonMapper();

    /** How many events one load decodes. */
    @Param({"1000"})
    public int events;

    /** {@code plain}, {@code current} or {@code upcast}, see the class comment. */
    @Param({"plain", "current", "upcast"})
    public String shape;

    private InMemoryEventStore reader;
    private final List<byte[]> stored = new ArrayList<>();

    @Setup
    public void start() {
        TypeRegistry plain = TypeRegistry.builder().add(Payload.TYPE, FundsDeposited.class).build();
        // one step, which changes nothing: the mechanism's cost, not a transform's
        TypeRegistry versioned = TypeRegistry.builder().add(Payload.TYPE, FundsDeposited.class)
                .upcast(Payload.TYPE, 1, json -> json).build();
        TypeRegistry writes = shape.equals("current") ? versioned : plain;
        TypeRegistry reads = shape.equals("plain") ? plain : versioned;
        InMemoryEventStore writer = new InMemoryEventStore("bench", RitaOptions.defaults().withTypes(writes));
        for (int i = 0; i < events; i++) {
            writer.append(SUBJECT, List.of(Event.of(FundsDeposited.sample())));
        }
        reader = writer.withOptions(RitaOptions.defaults().withTypes(reads));
        try {
            for (int i = 0; i < events; i++) {
                stored.add(MAPPER.writeValueAsBytes(FundsDeposited.sample()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Not a timed check: both sides decode the whole history.
        if (rita().events().size() != events || raw().size() != events) {
            throw new IllegalStateException("expected " + events + " events on both sides");
        }
    }

    @Benchmark
    public LoadResult rita() {
        return reader.load(SUBJECT);
    }

    @Benchmark
    public List<FundsDeposited> raw() {
        List<FundsDeposited> decoded = new ArrayList<>(stored.size());
        try {
            for (byte[] data : stored) {
                decoded.add(MAPPER.readValue(data, FundsDeposited.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return decoded;
    }
}
