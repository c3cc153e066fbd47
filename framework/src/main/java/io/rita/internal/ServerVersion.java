package io.rita.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A nats-server version, as a server reports it in its INFO ({@code 2.9.10}, {@code 2.11.0-RC.1})
 * or as people write it ({@code v2.9.10}), ordered the way semantic versioning orders releases:
 * by number, and a pre-release before its release ({@code 2.11.0-RC.1 < 2.11.0}).
 *
 * <pre>{@code
 * ServerVersion version = ServerVersion.parse(connection.getServerInfo().getVersion());
 * if (version.isBefore(ServerVersion.parse("2.9.21"))) { ... }
 * }</pre>
 *
 * @param major      the major number
 * @param minor      the minor number
 * @param patch      the patch number
 * @param preRelease the pre-release identifiers after the {@code -} ({@code RC.1}), or {@code ""}
 *                   for a release; build metadata after a {@code +} is not kept (it does not order)
 */
public record ServerVersion(int major, int minor, int patch, String preRelease) implements Comparable<ServerVersion> {

    private static final Pattern FORMAT = Pattern.compile(
            "[vV]?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]*)?");

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException on a negative number or a malformed pre-release
     */
    public ServerVersion {
        Objects.requireNonNull(preRelease, "preRelease");
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must be >= 0, were " + major + "." + minor + "." + patch);
        }
        if (!preRelease.isEmpty() && !preRelease.matches("[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*")) {
            throw new IllegalArgumentException("a pre-release is dot-separated letters, digits and '-', was '"
                    + preRelease + "'");
        }
    }

    /**
     * Reads a version such as {@code 2.9.10}, {@code v2.9.10}, {@code 2.11.0-RC.1} or
     * {@code 2.12.0-beta.3}; surrounding whitespace is ignored.
     *
     * @throws IllegalArgumentException when {@code text} is null or not such a version, with the text in the message
     */
    public static ServerVersion parse(String text) {
        Matcher matcher = text == null ? null : FORMAT.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("not a nats-server version: " + (text == null ? "null" : "'" + text + "'")
                    + " (expected major.minor.patch, e.g. 2.9.10 or 2.11.0-RC.1)");
        }
        String preRelease = matcher.group(4) == null ? "" : matcher.group(4);
        return new ServerVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), preRelease);
    }

    /** Whether this is a pre-release ({@code 2.11.0-RC.1}) rather than a release. */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** Whether this version comes before {@code other}. */
    public boolean isBefore(ServerVersion other) {
        return compareTo(other) < 0;
    }

    /** Whether this version is {@code other} or comes after it. */
    public boolean isAtLeast(ServerVersion other) {
        return compareTo(other) >= 0;
    }

    /** Semantic-versioning precedence: numbers, then a release after its pre-releases. */
    @Override
    public int compareTo(ServerVersion other) {
        int byNumber = major != other.major ? Integer.compare(major, other.major)
                : minor != other.minor ? Integer.compare(minor, other.minor)
                : Integer.compare(patch, other.patch);
        if (byNumber != 0) {
            return byNumber;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        return comparePreReleases(List.of(preRelease.split("\\.")), List.of(other.preRelease.split("\\.")));
    }

    /** {@code 2.9.10}, {@code 2.11.0-RC.1}. */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }

    /**
     * Identifier by identifier, as semantic versioning says: numbers by value and before words,
     * words in ASCII order (so {@code RC} sorts before {@code beta}); of two lists that agree as
     * far as the shorter goes, the shorter comes first ({@code beta < beta.2 < beta.11}).
     */
    private static int comparePreReleases(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean xNumeric = x.chars().allMatch(Character::isDigit);
            boolean yNumeric = y.chars().allMatch(Character::isDigit);
            int order;
            if (xNumeric && yNumeric) {
                order = new BigInteger(x).compareTo(new BigInteger(y));
            } else if (xNumeric || yNumeric) {
                order = xNumeric ? -1 : 1;
            } else {
                order = x.compareTo(y);
            }
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
