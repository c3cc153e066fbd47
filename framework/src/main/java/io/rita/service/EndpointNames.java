package io.rita.service;

/** The default endpoint name of a route: what the NATS service API shows for it. */
final class EndpointNames {

    private EndpointNames() {
    }

    /** The default endpoint name of a pattern: its last token that is not a wildcard. */
    static String defaultName(String pattern) {
        String[] tokens = pattern.split("\\.");
        for (int i = tokens.length - 1; i >= 0; i--) {
            if (!tokens[i].equals("*") && !tokens[i].equals(">")) {
                return tokens[i].replaceAll("[^A-Za-z0-9_-]", "_");
            }
        }
        return "route";
    }
}
