package io.rita.kmm.service.connect;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths in a context as the {@code nats} CLI reads them: {@code $VAR} and {@code ${VAR}} are
 * replaced from the environment (empty when unset), then a leading {@code ~} by the home
 * directory; {@code file://} is accepted in front of a path. Other references newer CLIs know
 * ({@code op://}, {@code nsc://}, {@code env://}, {@code data:}) are refused with a hint.
 */
final class PathExpansion {

    private static final Pattern VARIABLE = Pattern.compile("\\$(\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern REFERENCE = Pattern.compile("^[a-z][a-z0-9+.-]*:(//)?.*");

    private final Map<String, String> environment;

    PathExpansion(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The home directory: {@code HOME}, else the JVM's idea of it. */
    static String home(Map<String, String> environment) {
        String home = environment.get("HOME");
        return home != null && !home.isBlank() ? home : System.getProperty("user.home");
    }

    String expand(String field, String value, String context) {
        String path = value.startsWith("file://") ? value.substring("file://".length()) : value;
        if (REFERENCE.matcher(path).matches() && !path.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new NatsAccessException("NATS context '" + context + "': " + field + " '" + value
                    + "' is a reference kmm cannot resolve; kmm reads " + field + " from a file: save the context "
                    + "with a file path", null);
        }
        Matcher m = VARIABLE.matcher(path);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            String variable = m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(expanded, Matcher.quoteReplacement(environment.getOrDefault(variable, "")));
        }
        m.appendTail(expanded);
        path = expanded.toString();
        if (path.equals("~") || path.startsWith("~/")) {
            path = home(environment) + path.substring(1);
        }
        return path;
    }
}
