package io.rita.kmm.service;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users of an embedded nats-server ({@code kmm serve --nats.embed --nats.users FILE}):
 * parents, who may do everything, and kids, who may withdraw and read but not deposit or change
 * budgets. Read from a text file with one user a line:
 *
 * <pre>
 * # role   user   password (or a bcrypt hash from `nats server passwd`)   [accounts, for a kid]
 * parent   mum    correct-horse-battery
 * kid      susie  hunter2-hunter2
 * kid      bobby  $2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG   bobby,bobby-savings
 * </pre>
 *
 * <p>A kid may use the accounts listed (comma-separated, {@code *} for all), by default only the
 * account named like the user. Blank lines and lines starting with {@code #} are skipped.
 * Enforced by the nats-server itself, through each user's permissions ({@link FamilyPermissions}).
 *
 * @param members the users, in file order
 * @see IllegalArgumentException thrown by {@link #read} for a file that is missing, unreadable or
 *      malformed, with the file and line
 */
public record Family(List<Member> members) {

    /** The user name {@code kmm serve} connects to its embedded server with; no member may take it. */
    public static final String SERVICE_USER = "kmm-serve";

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Copies the list and refuses an empty one. */
    public Family {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a family needs at least one user");
        }
    }

    /** What a user may do. */
    public enum Role {
        /** Deposit, withdraw, set and remove budgets, read everything. */
        PARENT,
        /** Withdraw and read (balance, ledger, last budget period) on their accounts. */
        KID
    }

    /**
     * One user.
     *
     * @param role     parent or kid
     * @param user     the user name, as in the user's NATS context
     * @param password the password, or its bcrypt hash ({@code $2a$...})
     * @param accounts for a kid, the accounts they may use ({@code *}: all); empty for a parent
     */
    public record Member(Role role, String user, String password, List<String> accounts) {
        /** Copies the accounts. */
        public Member {
            accounts = List.copyOf(accounts);
        }

        @Override
        public String toString() {
            return "Member[" + role + " " + user + ", password=***, accounts=" + accounts + "]";
        }
    }

    /**
     * Reads a users file.
     *
     * @throws IllegalArgumentException naming the file (and line) when it is missing, unreadable
     *                                  or not a users file
     */
    public static Family read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the users file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read the users file " + file + ": permission denied", e);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException("the users file " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
        List<Member> members = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            Member member = member(line.split("\\s+"), where);
            if (!names.add(member.user())) {
                throw new IllegalArgumentException(where + "user '" + member.user() + "' is listed twice");
            }
            members.add(member);
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("the users file " + file + " lists no user; one a line: "
                    + "parent|kid <user> <password> [accounts]");
        }
        return new Family(members);
    }

    private static Member member(String[] words, String where) {
        if (words.length < 3 || words.length > 4) {
            throw new IllegalArgumentException(where + "expected 'parent|kid <user> <password> [accounts]', got "
                    + words.length + " words");
        }
        Role role = switch (words[0].toLowerCase(Locale.ROOT)) {
            case "parent" -> Role.PARENT;
            case "kid" -> Role.KID;
            default -> throw new IllegalArgumentException(where + "role must be parent or kid, was '" + words[0] + "'");
        };
        String user = words[1];
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException(where + "user name must be 1 to 64 letters, digits, '-' or '_', was '"
                    + user + "'");
        }
        if (user.equals(SERVICE_USER)) {
            throw new IllegalArgumentException(where + "'" + SERVICE_USER + "' is the service's own user: pick "
                    + "another name");
        }
        String password = words[2];
        if (password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException(where + "a password must not contain '\"' or '\\'");
        }
        if (role == Role.PARENT) {
            if (words.length == 4) {
                throw new IllegalArgumentException(where + "a parent may use every account: list accounts for kids only");
            }
            return new Member(role, user, password, List.of());
        }
        List<String> accounts = words.length == 4 ? List.of(words[3].split(",", -1)) : List.of(user);
        for (String account : accounts) {
            if (!account.equals("*")) {
                try {
                    KmmSubjects.requireAccount(account);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + e.getMessage(), e);
                }
            }
        }
        return new Member(role, user, password, accounts);
    }
}
