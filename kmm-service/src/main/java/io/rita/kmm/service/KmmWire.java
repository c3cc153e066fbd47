package io.rita.kmm.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nats.client.impl.Headers;
import io.rita.kmm.domain.AccountEvent;
import io.rita.types.Codec;
import io.rita.types.CodecException;
import io.rita.types.TypeRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * KMM's JSON, as the Go original writes it: capitalised field names ({@code Amount},
 * {@code PolicyStartTime}), decimals as strings with trailing zeros trimmed ({@code "7.5"}),
 * times in RFC 3339 with nanoseconds, periods by name ({@code "minutely"}).
 *
 * <pre>{@code
 * ObjectMapper json = KmmWire.mapper();
 * json.writeValueAsString(new FundsRequest(new BigDecimal("7.50"), "baseball cards"));
 * // {"Amount":"7.5","Description":"baseball cards"}
 * TypeRegistry types = KmmWire.types();   // funds-deposited, funds-withdrawn, budget-set, budget-removed
 * }</pre>
 *
 * <p>Reading is as lenient as Go's {@code encoding/json}: field names match without regard to
 * case, unknown fields are ignored, and a decimal may come as a JSON string or a JSON number
 * (read exactly, never through {@code double}). Decimal texts longer than 100 characters are
 * refused before they are parsed. The mapper and registry are thread-safe.
 */
public final class KmmWire {

    /** The package whose {@code @EventType} records are KMM's events. */
    public static final String DOMAIN_PACKAGE = "io.rita.kmm.domain";

    private static final ObjectMapper MAPPER = build();
    private static volatile TypeRegistry types;

    private KmmWire() {
    }

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The registry of KMM's four event types, encoded with {@link #mapper()}.
     *
     * @throws IllegalArgumentException when an event type does not survive a round trip
     */
    public static TypeRegistry types() {
        TypeRegistry built = types;
        if (built == null) {
            synchronized (KmmWire.class) {
                built = types;
                if (built == null) {
                    built = TypeRegistry.builder().json(Codec.json(MAPPER)).scan(DOMAIN_PACKAGE).build();
                    types = built;
                }
            }
        }
        return built;
    }

    /**
     * The account event in a stored event message (headers {@code rita-type}, {@code rita-codec},
     * {@code rita-version}), as the ledger's live streams deliver it: upcast like a load would.
     * Empty for a message that is not a KMM event (no type, or a type KMM does not know).
     *
     * @throws CodecException when the message's data cannot be read as its type
     */
    public static Optional<AccountEvent> event(Headers headers, byte[] data) {
        if (headers == null || headers.getFirst("rita-type") == null) {
            return Optional.empty();
        }
        String codec = headers.getFirst("rita-codec") == null ? "json" : headers.getFirst("rita-codec");
        String version = headers.getFirst("rita-version");
        int number;
        try {
            number = version == null ? 1 : Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new CodecException(codec, AccountEvent.class, "rita-version '" + version + "' is not a version", e);
        }
        return types().decode(headers.getFirst("rita-type"), codec, number, data)
                .filter(AccountEvent.class::isInstance)
                .map(AccountEvent.class::cast);
    }

    /** The wire text of a decimal: {@code 7.50} gives {@code "7.5"}, {@code 1E+2} gives {@code "100"}. */
    public static String decimal(BigDecimal value) {
        return GoWireModule.decimalText(value);
    }

    /** Encodes a value as JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Decodes JSON bytes.
     *
     * @throws WireFormatException with a message meant for the sender when the bytes are not a {@code type}
     */
    public static <T> T read(byte[] json, Class<T> type, String example) {
        if (json.length == 0) {
            throw new WireFormatException("request body must be a JSON object like " + example);
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new WireFormatException("request body must be a JSON object like " + example);
            }
            return value;
        } catch (GoWireModule.WireValueException e) {
            throw new WireFormatException(e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            // Jackson's own words name Java types; say it in terms of the protocol instead
            String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            throw new WireFormatException(field == null
                    ? "request body must be a JSON object like " + example
                    : field + " has the wrong type; expected a body like " + example, e);
        } catch (JsonProcessingException e) {
            // Jackson's limits name the setting that holds them ("..., from `StreamReadConstraints...`")
            String what = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            throw new WireFormatException("request body is not valid JSON (" + what.replaceAll(", from `[^`]*`", "")
                    + "); expected an object like " + example, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNumberLength(GoWireModule.MAX_DECIMAL_LENGTH)
                        .maxNestingDepth(64)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addModule(new GoWireModule())
                .build();
    }
}
