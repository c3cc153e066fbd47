package io.rita.kmm.service.web;

import io.rita.kmm.domain.AccountOverview;
import io.rita.projection.ProjectionException;
import io.rita.projection.ProjectionUnavailableException;
import io.rita.projection.ViewEntry;
import io.rita.projection.Views;

import java.util.List;
import java.util.Objects;

/**
 * The accounts as the accounts projection knows them ({@code io.rita.kmm.service.KmmAccounts}):
 * the keys of its views, one read of the bucket however many events the store holds.
 *
 * <pre>{@code
 * AccountList accounts = new ProjectedAccounts(projector.views());
 * accounts.names();   // [bobby, susie]
 * }</pre>
 *
 * <p>While the projection is first built (a store with events, a service that just started)
 * the list answers 503 with the projection's words, and the page tries again on reload.
 */
public final class ProjectedAccounts implements AccountList {

    private final Views<AccountOverview> views;

    /** The accounts of these views. */
    public ProjectedAccounts(Views<AccountOverview> views) {
        this.views = Objects.requireNonNull(views, "views");
    }

    /** {@inheritDoc} The page answers 503 while the projection is being built, 500 when a view cannot be read. */
    @Override
    public List<String> names() {
        try {
            return views.entries().stream().map(ViewEntry::key).toList();
        } catch (ProjectionUnavailableException e) {
            throw new HttpError(503, e.getMessage());
        } catch (ProjectionException e) {
            throw new HttpError(500, e.getMessage());
        }
    }
}
