package io.rita.kmm.service.client;

import io.rita.kmm.service.KmmSubjects;
import io.rita.kmm.service.connect.PermissionViolation;

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

    private final transient PermissionViolation violation;

    /** A refusal of the request to {@code subject}, as the server reported it. */
    public PermissionDeniedException(String subject, PermissionViolation violation, String text) {
        super(subject, FORBIDDEN, text);
        this.violation = violation;
    }

    /** What the server refused: the request itself, the reply inbox, or the ledger's subscription. */
    public PermissionViolation violation() {
        return violation;
    }

    /** The refusal of a request to {@code subject}, worded for the user who typed the command. */
    static PermissionDeniedException of(String subject, PermissionViolation violation, String inbox) {
        String text;
        if (violation.action() == PermissionViolation.Action.PUBLISH) {
            text = "this user may not " + verb(subject.substring(subject.lastIndexOf('.') + 1));
        } else if (violation.concerns(inbox)) {
            text = "this user may not receive replies (subscribe to " + inbox + "); ask for that permission, or "
                    + "set the context's inbox_prefix to the inbox this user may use";
        } else if (violation.subject().startsWith(KmmSubjects.STREAMS + ".")) {
            text = "this user may not follow ledgers (subscribe to " + KmmSubjects.STREAMS + ".*)";
        } else {
            text = "this user may not subscribe to " + violation.subject();
        }
        return new PermissionDeniedException(subject, violation, "kmm: permission denied: " + text);
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
