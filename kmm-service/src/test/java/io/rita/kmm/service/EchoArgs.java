package io.rita.kmm.service;

/** Stands in for the kmm program in the launcher's test: prints its arguments. */
final class EchoArgs {

    private EchoArgs() {
    }

    /** Prints {@code echo: <args>}. */
    public static void main(String[] args) {
        System.out.println("echo: " + String.join(" ", args));
    }
}
