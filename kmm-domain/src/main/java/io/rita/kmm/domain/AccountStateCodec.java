package io.rita.kmm.domain;

import io.rita.types.Codec;
import io.rita.types.CodecException;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes an {@link AccountState} for snapshots (version {@link AccountState#VERSION}): JSON of
 * its components, with exact decimals and instants, so that a decoded state {@code equals} the
 * state it was made from (the test kit checks this in every scenario of {@code Accounts}).
 *
 * <pre>{@code
 * byte[] bytes = AccountStateCodec.INSTANCE.encode(state);
 * AccountState same = AccountStateCodec.INSTANCE.decode(bytes, AccountState.class);
 * // {"balance":10.50,"budget":{"maxAmount":20,"period":"WEEKLY",...},"tallies":{"DAILY":{...}}}
 * }</pre>
 *
 * <p>Not KMM's wire JSON, which writes decimals trimmed as the Go original does ({@code 10.50}
 * as {@code "10.5"}): that changes a {@link BigDecimal}'s scale, and with it the state's
 * {@code equals}. Snapshots are read only by KMM itself, so they need no Go shape. Decoding throws
 * {@link CodecException} for bytes that are not such a state.
 */
public final class AccountStateCodec implements Codec {

    /** The codec; thread-safe. */
    public static final AccountStateCodec INSTANCE = new AccountStateCodec();

    /** The state as written: the budget as a nullable field rather than an {@code Optional}. */
    private record Shape(BigDecimal balance, Budget budget, Map<Period, PeriodTally> tallies) {
    }

    private static final Codec JSON = Codec.json(Codec.jsonMapper());

    private AccountStateCodec() {
    }

    @Override
    public String name() {
        return "kmm-account-json";
    }

    @Override
    public byte[] encode(Object value) {
        if (!(value instanceof AccountState state)) {
            throw new CodecException(name(), value == null ? null : value.getClass(), "encodes AccountState only", null);
        }
        return JSON.encode(new Shape(state.balance(), state.budget().orElse(null), state.tallies()));
    }

    @Override
    public <T> T decode(byte[] data, Class<T> type) {
        if (type != AccountState.class) {
            throw new CodecException(name(), type, "decodes AccountState only", null);
        }
        Shape shape = JSON.decode(data, Shape.class);
        if (shape.balance() == null || shape.tallies() == null) {
            throw new CodecException(name(), type, "balance or tallies is missing", null);
        }
        return type.cast(new AccountState(shape.balance(), Optional.ofNullable(shape.budget()), shape.tallies()));
    }
}
