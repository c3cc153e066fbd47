package io.rita.kmm.service.web;

import java.util.List;

/**
 * The accounts the web page lists: a read model of the store, behind one method so that a
 * durable projection of the accounts can replace the way it is read today
 * ({@link StoredAccounts}: the subjects the store holds).
 *
 * <pre>{@code
 * AccountList accounts = StoredAccounts.of(connection, "kmm");
 * accounts.names();   // [bobby, susie]
 * }</pre>
 */
@FunctionalInterface
public interface AccountList {

    /**
     * The names of the accounts that have at least one event, sorted.
     *
     * @throws io.rita.eventstore.EventStoreException when the store cannot be read
     */
    List<String> names();
}
