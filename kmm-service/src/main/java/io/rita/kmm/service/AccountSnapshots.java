package io.rita.kmm.service;

import io.rita.aggregate.Snapshots;
import io.rita.eventstore.SnapshotStore;
import io.rita.kmm.domain.AccountState;
import io.rita.kmm.domain.AccountStateCodec;

/**
 * How KMM keeps snapshots of accounts: {@link AccountState} of version {@link AccountState#VERSION},
 * encoded with {@link AccountStateCodec}, after every 100 events or after a cold load slower than
 * 20 ms (the framework's defaults).
 *
 * <pre>{@code
 * JetStreamSnapshotStore store = rita.snapshotStore("kmm");   // stream kmm-snapshots
 * store.ensure();
 * DispatchOptions.defaults().withEngine(EngineOptions.defaults().withSnapshots(AccountSnapshots.in(store)));
 * }</pre>
 */
public final class AccountSnapshots {

    private AccountSnapshots() {
    }

    /** KMM's snapshot options, keeping snapshots in {@code store}. */
    public static Snapshots in(SnapshotStore store) {
        return Snapshots.in(store).withVersion(AccountState.VERSION).withCodec(AccountStateCodec.INSTANCE);
    }
}
