package io.rita.eventstore;

import java.util.List;

/**
 * What a store holds, read from its stream.
 *
 * @param name           the store (stream) name
 * @param subjects       the subjects the stream binds
 * @param storage        {@code file} or {@code memory}
 * @param messages       number of stored messages (a multi-event append is one message)
 * @param bytes          bytes stored
 * @param firstSequence  first stored sequence
 * @param lastSequence   last stored sequence
 */
public record StoreInfo(String name, List<String> subjects, String storage, long messages, long bytes,
                        long firstSequence, long lastSequence) {
}
