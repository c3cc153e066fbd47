package io.rita.kmm.service;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What parents and kids may do, as NATS permissions, and the embedded nats-server's
 * {@code authorization} block that gives them to a {@link Family}. The server enforces them: a
 * kid's deposit never reaches the service, and the kid's {@code kmm} says so at once.
 *
 * <pre>{@code
 * String config = FamilyPermissions.authorization(Family.read(file), "kmm-serve", servicePassword);
 * }</pre>
 *
 * <ul>
 *     <li>parent: publish {@code kmm.services.>}; subscribe replies and ledgers</li>
 *     <li>kid: publish {@code kmm.services.<account>.withdraw-funds}, {@code .balance},
 *     {@code .last-budget-period}, {@code .ledger} for each of their accounts; subscribe replies
 *     and ledgers</li>
 *     <li>the service's own user: everything</li>
 * </ul>
 */
public final class FamilyPermissions {

    /** What a kid may ask of the service: withdraw and read. */
    public static final List<String> KID_OPERATIONS = List.of("withdraw-funds", "balance", "last-budget-period",
            "ledger");
    /** What every family member subscribes to: replies, and ledger deliveries. */
    public static final List<String> SUBSCRIBE = List.of("_INBOX.>", KmmSubjects.STREAMS + ".*");

    private FamilyPermissions() {
    }

    /** The subjects a member may publish to. */
    public static List<String> publish(Family.Member member) {
        if (member.role() == Family.Role.PARENT) {
            return List.of(KmmSubjects.SERVICES + ".>");
        }
        List<String> subjects = new ArrayList<>();
        for (String account : member.accounts()) {
            for (String operation : KID_OPERATIONS) {
                subjects.add(KmmSubjects.SERVICES + "." + account + "." + operation);
            }
        }
        return subjects;
    }

    /** The nats-server {@code authorization} block: the service's user first, then the family. */
    public static String authorization(Family family, String serviceUser, String servicePassword) {
        StringBuilder config = new StringBuilder("authorization {\n  users = [\n");
        config.append("    {user: ").append(quoted(serviceUser)).append(", password: ").append(quoted(servicePassword))
                .append("}\n");
        for (Family.Member member : family.members()) {
            config.append("    {user: ").append(quoted(member.user())).append(", password: ")
                    .append(quoted(member.password())).append(", permissions: {publish: {allow: ")
                    .append(list(publish(member))).append("}, subscribe: {allow: ").append(list(SUBSCRIBE))
                    .append("}}}\n");
        }
        return config.append("  ]\n}\n").toString();
    }

    private static String list(List<String> subjects) {
        return subjects.stream().map(FamilyPermissions::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A double-quoted config string; {@link Family} refuses '"' and '\' in what it reads. */
    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
