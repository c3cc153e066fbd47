package io.rita.kmm.service;

import java.math.BigDecimal;

/**
 * The body of {@code deposit-funds} and {@code withdraw-funds}:
 * {@code {"Amount":"50","Description":"birthday money"}}.
 *
 * <pre>{@code
 * KmmWire.write(new FundsRequest(new BigDecimal("7.50"), "baseball cards"));
 * // {"Amount":"7.5","Description":"baseball cards"}
 * }</pre>
 *
 * @param amount      the amount; a JSON string or number on the wire
 * @param description free text; {@code ""} when omitted
 */
public record FundsRequest(BigDecimal amount, String description) {

    /** An example body, for error messages. */
    public static final String EXAMPLE = "{\"Amount\":\"50\",\"Description\":\"birthday money\"}";

    /** Takes a missing description as {@code ""}, as the original does. */
    public FundsRequest {
        description = description == null ? "" : description;
    }
}
