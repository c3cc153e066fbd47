package io.rita.kmm.service;

import io.rita.kmm.domain.AccountEvent;
import io.rita.kmm.domain.AccountOverview;
import io.rita.projection.Projection;

/**
 * The accounts projection: every account's {@link AccountOverview} (balance and budget), kept by
 * the service in the key-value bucket {@code kmm-accounts-v1}, one key per account, so that a
 * parent's {@code kmm accounts} (and the web page's list) is one read, however many accounts
 * and events there are.
 *
 * <pre>{@code
 * Projector<AccountEvent, AccountOverview> accounts = Projector.start(store, KmmAccounts.PROJECTION);
 * accounts.views().get("susie");   // Optional[AccountOverview[balance=22.5, budget=…]]
 * }</pre>
 *
 * <p>Events of {@code kmm.events.accounts.*}, keyed by the subject's last token (the account);
 * views in the store's JSON ({@link KmmWire}: decimals as strings, capitalised names). A change
 * to {@link AccountOverview} or its fold is a new version: raise {@link #VERSION}, and the next
 * {@code kmm serve} builds it beside the old one, which serves until the new one has caught up.
 */
public final class KmmAccounts {

    /** The projection's name: the bucket is {@code kmm-accounts-v<version>}. */
    public static final String NAME = "kmm-accounts";
    /** The projection's version. */
    public static final int VERSION = 1;
    /** The projection. */
    public static final Projection<AccountEvent, AccountOverview> PROJECTION = Projection.of(NAME,
            KmmSubjects.ACCOUNTS + ".*", AccountEvent.class, AccountOverview.class, AccountOverview::apply)
            .withVersion(VERSION);

    private KmmAccounts() {
    }
}
