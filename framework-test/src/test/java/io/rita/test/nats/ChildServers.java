package io.rita.test.nats;

import java.nio.file.Path;

/** Finds the nats-server processes a test started, by their store directory. */
final class ChildServers {

    private ChildServers() {
    }

    /** The pid of this JVM's nats-server child whose store directory is {@code storeDir}. */
    static long pidOf(Path storeDir) {
        String dir = storeDir.toAbsolutePath().toString();
        return ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(dir))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no nats-server child with store directory " + dir))
                .pid();
    }
}
