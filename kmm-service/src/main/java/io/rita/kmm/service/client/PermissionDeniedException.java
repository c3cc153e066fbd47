package io.rita.kmm.service.client;

import io.rita.client.ServiceCallException;
import io.rita.kmm.service.KmmSubjects;

/**
 * The NATS server refused a request because this user lacks the permission, e.g. a kid's
 * deposit: {@code kmm: permission denied: this user may not deposit}. The request never reached
 * the service, so nothing was applied. A {@link ServiceErrorException} with code 403, so callers
 * that treat refusals alike need nothing new.
 *
 * <pre>{@code
 * try {
 *     kid.deposit("susie", new BigDecimal("5"), "");
 * } catch (PermissionDeniedException e) {
 *     e.getMessage();   // kmm: permission denied: this user may not deposit
 * }
 * }</pre>
 */
public class PermissionDeniedException extends ServiceErrorException {

    /** The code this refusal carries, as HTTP's "forbidden". */
    public static final int FORBIDDEN = 403;

    private final String deniedSubject;

    /** A refusal of the request to {@code subject}: the server refused {@code deniedSubject}. */
    public PermissionDeniedException(String subject, String deniedSubject, String text, Throwable cause) {
        super(subject, FORBIDDEN, text, cause);
        this.deniedSubject = deniedSubject;
    }

    /** What the server refused: the request's subject, the reply inbox, or the ledger's delivery subject. */
    public String deniedSubject() {
        return deniedSubject;
    }

    /**
     * The refusal of a request to {@code subject}, worded for the user who typed the command.
     *
     * @param refused the framework client's {@code PUBLISH_DENIED} or {@code SUBSCRIBE_DENIED}
     * @param inbox   the reply inbox subjects, e.g. {@code _INBOX.>}
     */
    static PermissionDeniedException of(String subject, ServiceCallException refused, String inbox) {
        String denied = refused.deniedSubject() == null ? subject : refused.deniedSubject();
        String text;
        if (refused.kind() == ServiceCallException.Kind.PUBLISH_DENIED) {
            text = "this user may not " + verb(subject.substring(subject.lastIndexOf('.') + 1));
        } else if (denied.startsWith(inbox.substring(0, inbox.length() - 1))) {
            text = "this user may not receive replies (subscribe to " + inbox + "); ask for that permission, or "
                    + "set the context's inbox_prefix to the inbox this user may use";
        } else if (denied.startsWith(KmmSubjects.STREAMS + ".")) {
            text = "this user may not follow ledgers (subscribe to " + KmmSubjects.STREAMS + ".*)";
        } else {
            text = "this user may not subscribe to " + denied;
        }
        return new PermissionDeniedException(subject, denied, "kmm: permission denied: " + text, refused);
    }

    private static String verb(String operation) {
        return switch (operation) {
            case "deposit-funds" -> "deposit";
            case "withdraw-funds" -> "withdraw";
            case "set-budget" -> "set budgets";
            case "remove-budget" -> "remove budgets";
            case "balance" -> "read balances";
            case "last-budget-period" -> "read budget periods";
            case "ledger" -> "follow ledgers";
            case "accounts" -> "list the accounts";
            default -> "send " + operation;
        };
    }
}
