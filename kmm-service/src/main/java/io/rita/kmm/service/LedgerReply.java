package io.rita.kmm.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply of {@code ledger}: {@code {"subject":"kmm.streams.<id>"}}, where the account's
 * events are delivered, history first, then live.
 *
 * @param subject the delivery subject
 */
public record LedgerReply(@JsonProperty("subject") String subject) {
}
