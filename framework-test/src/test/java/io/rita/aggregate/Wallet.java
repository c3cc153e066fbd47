package io.rita.aggregate;

import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.eventstore.RitaOptions;
import io.rita.service.Counting;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.types.TypeRegistry;

import java.util.List;

/**
 * A small domain for the engine's tests: a wallet that never goes below zero. Not final: a test
 * that needs the wallet with one thing changed (a terminal state, a fold that fails, unknown
 * events skipped) extends it and overrides that one method.
 */
class Wallet implements Decider<Wallet.Command, Wallet.Event, Wallet.Balance> {

    sealed interface Command permits Deposit, Withdraw, Check {
    }

    record Deposit(int amount) implements Command {
    }

    record Withdraw(int amount) implements Command {
    }

    /** Changes nothing: accepted with no events. */
    record Check() implements Command {
    }

    sealed interface Event permits Deposited, Withdrawn {
    }

    record Deposited(int amount) implements Event {
    }

    record Withdrawn(int amount) implements Event {
    }

    record Balance(int amount) {
    }

    static final String INSUFFICIENT = "wallet: insufficient funds";

    static final TypeRegistry TYPES = TypeRegistry.builder()
            .add("deposited", Deposited.class)
            .add("withdrawn", Withdrawn.class)
            .build();

    /** A fresh in-memory wallet store, counting what is asked of it. */
    static Counting store() {
        return new Counting(new InMemoryEventStore("wallets", RitaOptions.defaults().withTypes(TYPES)));
    }

    @Override
    public Balance initialState() {
        return new Balance(0);
    }

    @Override
    public List<Event> decide(Balance balance, Command command) {
        return switch (command) {
            case Deposit d -> List.of(new Deposited(d.amount()));
            case Withdraw w when w.amount() > balance.amount() -> throw new Rejection(INSUFFICIENT);
            case Withdraw w -> List.of(new Withdrawn(w.amount()));
            case Check c -> List.of();
        };
    }

    @Override
    public Balance evolve(Balance balance, Event event) {
        return switch (event) {
            case Deposited d -> new Balance(balance.amount() + d.amount());
            case Withdrawn w -> new Balance(balance.amount() - w.amount());
        };
    }
}
