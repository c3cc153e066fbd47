package io.rita.test.nats;

/**
 * A program that starts a cluster, pauses one node, prints the three pids and the store root,
 * and exits without closing anything: what {@link NatsClusterLifecycleTest} runs in a child JVM.
 */
final class ClusterThenExit {

    private ClusterThenExit() {
    }

    public static void main(String[] args) {
        NatsCluster cluster = NatsCluster.start();
        cluster.pause(0);
        System.out.println(cluster.server(0).pid() + " " + cluster.server(1).pid() + " " + cluster.server(2).pid()
                + " " + cluster.server(0).storeDir().getParent());
        System.exit(0);
    }
}
