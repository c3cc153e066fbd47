package io.rita.kmm.service.web;

import java.util.List;

/**
 * The accounts the web page lists: a read model of the store, behind one method
 * ({@link ProjectedAccounts}: the keys of the accounts projection).
 *
 * <pre>{@code
 * AccountList accounts = new ProjectedAccounts(projector.views());
 * accounts.names();   // [bobby, susie]
 * }</pre>
 */
@FunctionalInterface
public interface AccountList {

    /**
     * The names of the accounts that have at least one event, sorted.
     *
     * @throws io.rita.eventstore.EventStoreException when the store cannot be read
     *         (or an exception of the page that carries the status to answer, e.g. 503 while the list is being built)
     */
    List<String> names();
}
