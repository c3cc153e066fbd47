package io.rita.service;

import io.rita.eventstore.Subjects;

/** The default endpoint name of a route: what the NATS service API shows for it. */
final class EndpointNames {

    private EndpointNames() {
    }

    /**
     * The default endpoint name of a pattern: its last token that is not a wildcard.
     *
     * @throws IllegalArgumentException when the pattern is not a valid subject filter (null included),
     *                                  before anything else about the route is looked at
     */
    static String defaultName(String pattern) {
        Subjects.requireFilter("a route pattern", pattern);
        String[] tokens = pattern.split("\\.");
        for (int i = tokens.length - 1; i >= 0; i--) {
            if (!tokens[i].equals("*") && !tokens[i].equals(">")) {
                return tokens[i].replaceAll("[^A-Za-z0-9_-]", "_");
            }
        }
        return "route";
    }
}
