package io.rita.kmm.service;

import io.rita.eventstore.Subjects;

/**
 * The subjects of KMM's protocol and store, in one place.
 *
 * <pre>{@code
 * KmmSubjects.service("susie", "balance");   // kmm.services.susie.balance
 * KmmSubjects.account("susie");              // kmm.events.accounts.susie
 * KmmSubjects.stream("ECY04xVdGe8S");        // kmm.streams.ECY04xVdGe8S
 * KmmSubjects.ACCOUNTS_LIST;                 // kmm.services.accounts
 * }</pre>
 *
 * <p>Every name that goes into a subject is checked to be exactly one token first, so that no
 * account name like {@code susie.x} or {@code *} can reach another account's subject.
 *
 * @throws IllegalArgumentException from every method, when a name is not one subject token
 */
public final class KmmSubjects {

    /** The event store (JetStream stream) name. */
    public static final String STORE = "kmm";
    /** The subjects the store binds. */
    public static final String STORE_SUBJECTS = "kmm.events.>";
    /** The prefix of request subjects; the account and the operation follow. */
    public static final String SERVICES = "kmm.services";
    /** The prefix of ledger delivery subjects; one id token follows. */
    public static final String STREAMS = "kmm.streams";
    /**
     * The request subject of the list of every account ({@code kmm accounts}): three tokens, so
     * that it is not an operation of an account ({@code kmm.services.<account>.<operation>} has
     * four), yet inside {@code kmm.services.>}, which the service exports, parents may publish to
     * and the fallback covers. Kids, who may use their own accounts only, may not list them all.
     */
    public static final String ACCOUNTS_LIST = SERVICES + ".accounts";
    /** The prefix of account aggregate subjects; the account follows. */
    public static final String ACCOUNTS = "kmm.events.accounts";

    private KmmSubjects() {
    }

    /**
     * Returns the account name when it is one subject token.
     *
     * @throws IllegalArgumentException naming the bad value otherwise
     */
    public static String requireAccount(String account) {
        if (!Subjects.isToken(account)) {
            throw new IllegalArgumentException("account must be one word without '.', '*', '>' or whitespace, was '"
                    + account + "'");
        }
        return account;
    }

    /** The request subject of an operation on an account: {@code kmm.services.<account>.<operation>}. */
    public static String service(String account, String operation) {
        return SERVICES + "." + requireAccount(account) + "." + Subjects.requireToken("operation", operation);
    }

    /** The aggregate subject of an account: {@code kmm.events.accounts.<account>}. */
    public static String account(String account) {
        return ACCOUNTS + "." + requireAccount(account);
    }

    /** The ledger delivery subject for an id: {@code kmm.streams.<id>}. */
    public static String stream(String id) {
        return STREAMS + "." + Subjects.requireToken("ledger id", id);
    }
}
