package io.rita.bench;

/**
 * The event data of the JSON variant: a small record, about the size of a typical domain event.
 *
 * @param account     the account credited
 * @param amountCents the amount, in cents
 * @param note        free text
 */
public record FundsDeposited(String account, long amountCents, String note) {

    /** The sample every benchmark appends (about 120 bytes of JSON). */
    public static FundsDeposited sample() {
        return new FundsDeposited("susie", 1_250, "pocket money for the week, paid by grandma on a sunny saturday");
    }
}
