package org.keygate.sbi.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports free a moment ago, for nodes that must be told their ports (in a configuration file, or a partner's)
 * before they start. A listener that can bind port 0 and report the port it got should do that instead.
 *
 * <p>The ports come from below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}, by default
 * 32768-60999), not from a bind to port 0. A port from the ephemeral range, closed again, is exactly what the kernel
 * hands out next as the local port of some outgoing connection or another bind to port 0; with the tests of several
 * JVMs running on one machine, one of them took it before the node bound it ("Address already in use"). Below the
 * range only another caller of this class can pick the same port; each picks at random among some 20,000 and checks
 * that it can bind it. Within one JVM a port handed out is not handed out again for the next {@value #REMEMBERED}
 * ports: a port is free until its node binds it, and a test that asked twice (a pair of SEPPs' ports, then one more
 * for a listener) once got one of the first call's ports again, which the node started first had taken by then (CI:
 * "Address already in use").
 */
public final class FreePorts {
    /** The lowest port handed out: above the registered services a test machine may run (etcd's 2379, ...). */
    static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int ATTEMPTS_PER_PORT = 100;
    /** How many of the latest ports handed out a later call avoids: a small share of the 20,000 or so below the range. */
    static final int REMEMBERED = 1_000;
    /** The ports handed out last, oldest first; guarded by itself. */
    private static final java.util.LinkedHashSet<Integer> RECENT = new java.util.LinkedHashSet<>();

    private FreePorts() {}

    /** {@code n} distinct loopback ports, each bound (and released) here, all held until the last is found. */
    public static int[] loopback(int n) throws IOException {
        int below = ephemeralLow();
        ServerSocket[] held = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                held[i] = below > LOWEST + n ? bindBelow(below) : bind(0);
                ports[i] = held[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }

    /** The first port of the ephemeral range; 0 where the kernel does not say (then ports come from a bind to 0). */
    static int ephemeralLow() {
        try {
            // readAllLines, not readString: on this JDK readString of a procfs file (size 0) returned its first byte.
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static ServerSocket bindBelow(int ephemeralLow) throws IOException {
        IOException last = null;
        for (int i = 0; i < ATTEMPTS_PER_PORT; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralLow);
            if (!remember(port)) {
                continue; // handed out a moment ago, perhaps not bound yet by whoever asked: another
            }
            try {
                return bind(port);
            } catch (IOException e) {
                last = e; // taken: try another
            }
        }
        throw new IOException("no free loopback port in " + LOWEST + "-" + (ephemeralLow - 1) + " after "
                + ATTEMPTS_PER_PORT + " attempts", last);
    }

    /** Records {@code port} as handed out; false when it was among the latest {@value #REMEMBERED} already. */
    private static boolean remember(int port) {
        synchronized (RECENT) {
            if (!RECENT.add(port)) {
                return false;
            }
            if (RECENT.size() > REMEMBERED) {
                RECENT.remove(RECENT.iterator().next());
            }
            return true;
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            // No SO_REUSEADDR: a port still in TIME_WAIT from an earlier connection is not free for this purpose.
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
