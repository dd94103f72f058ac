package org.keygate.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sbi.lab.LabProcess;

/**
 * The reference chain of issue 10: two nghttpx processes (Debian nghttp2-proxy, a C++ HTTP/2 proxy) in the SEPPs'
 * places, with the same PKI: h2c in at the visited side, mutual-TLS h2 between the two (each checks the other's
 * chain against the other operator's root, the visited side also the home FQDN by SNI and name check), h2c out to
 * the UDM. It does what a TLS-mode SEPP pair does on the wire, without N32-c or any 3GPP check: the floor keygate's
 * forwarding cost is measured against. Each runs as one process ({@code --single-process}: one worker thread, no
 * separate worker process), so its CPU time and resident memory are read like a keygate node's.
 */
record NghttpxPair(LabProcess visited, LabProcess home, InetSocketAddress visitedFrontend) implements AutoCloseable {

    static NghttpxPair start(Path pkiDir, InetSocketAddress udm, Path out) throws IOException, InterruptedException {
        int[] p = FreePorts.loopback(2);
        InetSocketAddress front = SeppPair.loopback(p[0]);
        InetSocketAddress between = SeppPair.loopback(p[1]);
        Path home = pkiDir.resolve(SeppPair.HOME);
        Path visited = pkiDir.resolve(SeppPair.VISITED);
        LabProcess homeProxy = LabProcess.of("nghttpx-home", List.of("nghttpx", "--conf=/dev/null",
                "--single-process", "--no-ocsp", "--frontend=" + hostPort(between), "--backend=" + hostPort(udm) + ";;proto=h2",
                "--verify-client", "--verify-client-cacert=" + visited.resolve("ca.crt"),
                "--errorlog-file=" + out.resolve("nghttpx-home.err"),
                home.resolve("sepp.key").toString(), home.resolve("sepp.crt").toString()), out, LoadBench.STOP_WAIT).start();
        LabProcess visitedProxy = LabProcess.of("nghttpx-visited", List.of("nghttpx", "--conf=/dev/null",
                "--single-process", "--frontend=" + hostPort(front) + ";no-tls",
                "--backend=" + hostPort(between) + ";;proto=h2;tls;sni=" + SeppPair.HOME_PLMN.seppFqdn(),
                "--cacert=" + home.resolve("ca.crt"), "--client-private-key-file=" + visited.resolve("sepp.key"),
                "--client-cert-file=" + visited.resolve("sepp.crt"),
                "--errorlog-file=" + out.resolve("nghttpx-visited.err")), out, LoadBench.STOP_WAIT).start();
        NghttpxPair pair = new NghttpxPair(visitedProxy, homeProxy, front);
        try {
            homeProxy.awaitListening(List.of(between), java.time.Duration.ofSeconds(20));
            visitedProxy.awaitListening(List.of(front), java.time.Duration.ofSeconds(20));
            return pair;
        } catch (IOException | InterruptedException e) {
            pair.close();
            throw e;
        }
    }

    /** Fails with a clear message when nghttpx is not installed. */
    static void requireInstalled() throws IOException {
        try {
            Process p = new ProcessBuilder("nghttpx", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new IOException("nghttpx is needed for the nghttpx scenario (Debian: apt-get install nghttp2-proxy),"
                    + " or leave it out with --scenarios", e);
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + "," + a.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        visited.close();
        home.close();
    }
}
