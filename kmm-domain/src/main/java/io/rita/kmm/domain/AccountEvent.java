package io.rita.kmm.domain;

/**
 * Something that happened to an account; stored on {@code kmm.events.accounts.<account>} under
 * the type name of its {@link io.rita.types.EventType} annotation.
 *
 * <pre>{@code
 * TypeRegistry types = TypeRegistry.scan("io.rita.kmm.domain");
 * types.nameOf(FundsDeposited.class);   // Optional[funds-deposited]
 * }</pre>
 *
 * <p>Components use Java names ({@code amount}, {@code time}); the wire uses the Go original's
 * capitalised names ({@code Amount}, {@code Time}), which a mapper with an upper-camel-case naming
 * strategy produces. Times are instants; see the package documentation.
 */
public sealed interface AccountEvent permits FundsDeposited, FundsWithdrawn, BudgetSet, BudgetRemoved {
}
