package io.rita.kmm.domain;

import io.rita.decider.Rejection;
import java.math.BigDecimal;

/** Checks and normalises the amounts that commands carry. */
final class AmountRules {

    /** Amounts must be below 10^15: ample for pocket money, and cheap to compute with. */
    static final BigDecimal LIMIT = new BigDecimal("1000000000000000");

    /** At most this many decimal places, after trailing zeros are trimmed. */
    static final int MAX_SCALE = 10;

    private AmountRules() {
    }

    /** A deposit or withdrawal amount: required, greater than zero, within the limits. */
    static BigDecimal positive(BigDecimal amount) {
        if (amount == null) {
            throw new Rejection("kmm: amount is required");
        }
        if (amount.signum() <= 0) {
            throw new Rejection("kmm: amount must be greater than zero");
        }
        return bounded(amount, "amount");
    }

    /** A budget's max amount: required, zero or more, within the limits. */
    static BigDecimal notNegative(BigDecimal maxAmount) {
        if (maxAmount == null) {
            throw new Rejection("kmm: max amount is required");
        }
        if (maxAmount.signum() < 0) {
            throw new Rejection("kmm: max amount must not be negative");
        }
        return bounded(maxAmount, "max amount");
    }

    /**
     * Refuses pathological numbers and trims trailing zeros ({@code 7.50} becomes {@code 7.5},
     * {@code 1E+2} becomes {@code 100}).
     */
    private static BigDecimal bounded(BigDecimal value, String name) {
        // The order matters: compareTo and stripTrailingZeros look at the exponent first and stay
        // cheap for inputs like 1E+999999999, while setScale(0) on such a value would allocate a
        // billion digits. After the magnitude check the exponent is small.
        if (value.abs().compareTo(LIMIT) >= 0) {
            throw new Rejection("kmm: " + name + " must be less than " + LIMIT.toPlainString());
        }
        BigDecimal trimmed = value.stripTrailingZeros();
        if (trimmed.scale() > MAX_SCALE) {
            throw new Rejection("kmm: " + name + " must have at most " + MAX_SCALE + " decimal places");
        }
        return trimmed.scale() < 0 ? trimmed.setScale(0) : trimmed;
    }
}
