package io.rita.kmm.service.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or {@code dev} when run from classes. */
final class KmmVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Kmm.class.getPackage().getImplementationVersion();
        return new String[] {"kmm " + (version == null ? "dev" : version) + " (Rita for Java)"};
    }
}
