package io.rita.eventstore;

/**
 * What a store is and holds, read from its stream.
 *
 * @param config        the stream's settings as the server has them
 * @param messages      number of stored messages (a multi-event append is one message)
 * @param bytes         bytes stored
 * @param firstSequence first stored sequence
 * @param lastSequence  last stored sequence
 */
public record StoreInfo(StoreConfig config, long messages, long bytes, long firstSequence, long lastSequence) {
}
