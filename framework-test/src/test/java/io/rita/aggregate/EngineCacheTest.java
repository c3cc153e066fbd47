package io.rita.aggregate;

import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.decider.Decider;
import io.rita.service.Counting;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the engine keeps of an aggregate between commands, and when it lets it go. */
class EngineCacheTest {

    private static final String SUSIE = "wallets.susie";
    private static final String BOBBY = "wallets.bobby";

    private final Counting store = Wallet.store();
    private final Wallet wallet = new Wallet();
    private final AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, wallet);

    @Test
    void forgetting_an_aggregate_loads_it_in_full_at_its_next_use_and_only_it() {
        engine.handle(SUSIE, new Deposit(1));
        engine.handle(BOBBY, new Deposit(1));
        int loads = store.fullLoads.get();

        engine.forget(SUSIE);
        engine.handle(SUSIE, new Deposit(1));
        engine.handle(BOBBY, new Deposit(1));

        assertThat(store.fullLoads.get() - loads).isEqualTo(1);
        assertThat(engine.read(SUSIE)).isEqualTo(new Folded<>(new Balance(2), 3));
    }

    @Test
    void forgetting_all_from_another_thread_loads_every_aggregate_in_full_again() {
        engine.handle(SUSIE, new Deposit(1));
        engine.handle(BOBBY, new Deposit(1));
        int loads = store.fullLoads.get();

        CompletableFuture.runAsync(engine::forgetAll).join();
        engine.handle(SUSIE, new Deposit(1));
        engine.handle(BOBBY, new Deposit(1));

        assertThat(store.fullLoads.get() - loads).isEqualTo(2);
    }

    @Test
    void a_read_that_fails_drops_the_cached_aggregate_so_the_next_use_loads_it_in_full() {
        // a decider that cannot fold a deposit of 13, as a decider with a bug would
        Decider<Wallet.Command, Wallet.Event, Balance> unlucky = new Wallet() {
            @Override
            public Balance evolve(Balance state, Wallet.Event event) {
                if (event.equals(new Wallet.Deposited(13))) {
                    throw new IllegalStateException("evolve cannot fold 13");
                }
                return super.evolve(state, event);
            }
        };
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> failing = AggregateEngine.of(store, unlucky);
        failing.handle(SUSIE, new Deposit(1));
        store.appendBehindTheBack(SUSIE, new Wallet.Deposited(13));
        int loads = store.fullLoads.get();

        assertThatThrownBy(() -> failing.read(SUSIE)).hasMessage("evolve cannot fold 13");
        assertThatThrownBy(() -> failing.read(SUSIE)).hasMessage("evolve cannot fold 13");

        assertThat(store.fullLoads.get() - loads).as("the second read did not trust what the first one left")
                .isEqualTo(1);
    }

    @Test
    void a_cache_of_size_zero_loads_every_command_in_full() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> uncached = AggregateEngine.of(store, wallet,
                EngineOptions.defaults().withCacheSize(0));

        uncached.handle(SUSIE, new Deposit(1));
        uncached.handle(SUSIE, new Deposit(1));

        assertThat(store.fullLoads).hasValue(2);
        assertThat(engine.decider()).isSameAs(wallet);
    }
}
