package io.rita.kmm.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code ledger}: {@code {"id":"<id>"}}, naming the subject {@code kmm.streams.<id>}
 * that the client has subscribed to before sending it. The only lower-case field of the protocol.
 *
 * @param id one subject token, e.g. a NUID
 */
public record LedgerRequest(@JsonProperty("id") String id) {

    /** An example body, for error messages. */
    public static final String EXAMPLE = "{\"id\":\"<unique id>\"}";
}
