package io.rita.kmm.service;

import java.math.BigDecimal;

/**
 * The body of {@code set-budget}: {@code {"MaxAmount":"20","Period":"minutely"}}.
 *
 * <pre>{@code
 * KmmWire.write(new BudgetRequest(new BigDecimal("20"), "minutely"));
 * }</pre>
 *
 * @param maxAmount the most that may be withdrawn per period; a JSON string or number on the wire
 * @param period    {@code minutely}, {@code daily}, {@code weekly} or {@code monthly}; kept as
 *                  text here so that a wrong name gets the domain's own error message
 */
public record BudgetRequest(BigDecimal maxAmount, String period) {

    /** An example body, for error messages. */
    public static final String EXAMPLE = "{\"MaxAmount\":\"20\",\"Period\":\"minutely\"}";
}
