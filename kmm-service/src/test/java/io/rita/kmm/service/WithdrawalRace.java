package io.rita.kmm.service;

import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.ServiceErrorException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Many clients withdrawing from one account at the same moment, each on its own connection: the
 * race that a budget and a balance must survive. Outcomes are counted by reply: {@link #OK}, or the
 * service's refusal text.
 */
final class WithdrawalRace {

    /** The outcome of a withdrawal that was stored. */
    static final String OK = "ok";

    private WithdrawalRace() {
    }

    /** {@code clients} clients start together and withdraw {@code amount} {@code times} times each. */
    static Map<String, AtomicInteger> run(Supplier<KmmClient> connect, String account, BigDecimal amount, int clients,
                                          int times) throws Exception {
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    try (KmmClient kid = connect.get()) {
                        connected.countDown();
                        go.await();
                        for (int n = 0; n < times; n++) {
                            String outcome;
                            try {
                                kid.withdraw(account, amount, "race");
                                outcome = OK;
                            } catch (ServiceErrorException refused) {
                                outcome = refused.getMessage();
                            }
                            outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            if (!connected.await(KmmProcess.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the clients did not connect within " + KmmProcess.PATIENCE_SECONDS + " s");
            }
            go.countDown();
            for (Future<?> client : running) {
                client.get(2 * KmmProcess.PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
        }
        return outcomes;
    }
}
