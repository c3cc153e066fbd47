package io.rita.test;

import io.rita.types.Codec;

import java.util.Objects;
import java.util.Set;

/**
 * The check a decider fixture makes for a decider that keeps snapshots: a state encoded with the
 * snapshot codec and decoded again equals the state itself, so that an aggregate restored from
 * its snapshot decides exactly as one folded from its events.
 *
 * @param codec     the snapshot codec
 * @param stateType the class the codec decodes into
 */
record SnapshotCheck(Codec codec, Class<?> stateType) {

    SnapshotCheck {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(stateType, "stateType");
    }

    /** Throws the scenario's failure when {@code state} does not survive the codec. */
    void check(Scenario<?, ?, ?> scenario, Object state, String which) {
        Object decoded;
        try {
            decoded = codec.decode(codec.encode(state), stateType);
        } catch (RuntimeException e) {
            throw scenario.fail("the " + which + " state " + Structure.describe(state) + " does not survive the"
                    + " snapshot codec " + codec.name() + ": " + e.getMessage()
                    + "\nmake the codec read and write every component of the state", e);
        }
        if (!Objects.equals(state, decoded)) {
            throw scenario.fail("the " + which + " state differs after an encode and decode with the snapshot codec "
                    + codec.name() + ":\n" + DifferenceReport.value(state, decoded, Set.of()).stripTrailing()
                    + "\nan aggregate restored from its snapshot would decide otherwise than one folded from its"
                    + " events: make the codec keep every component exactly (for example a BigDecimal's scale)",
                    state, decoded);
        }
    }
}
