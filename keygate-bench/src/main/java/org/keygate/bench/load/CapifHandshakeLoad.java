package org.keygate.bench.load;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.tls.bc.TlsVersion;
import org.keygate.tls.jsse.PemFiles;

/**
 * CAPIF-2e handshake load against running {@code keygate capif ccf} and {@code keygate capif aef} daemons (issue 20
 * item 5): one invoker onboards at the CCF, requests PSK for the API's first AEF interface, then {@code threads}
 * threads each do full TLS-PSK handshakes (no resumption) and one {@code GET /hello} for {@code seconds}. Every
 * handshake makes the AEF look AEFPSK up at the CCF. Prints the handshakes that got 200 and those that failed; the
 * daemons' CPU is measured from outside (keygate-bench/scripts/capif-psk-bench.sh).
 *
 * <p>Arguments: {@code ccfHost:port caCertPem apiName 1.2|1.3 threads seconds}; or {@code ccfHost:port caCertPem
 * apiName psk keyFile}: onboard and request PSK as above, then write AEFPSK in hex to {@code keyFile} (owner-only, a
 * lab key for the C reference client {@code psk_handshake_load.c}, which cannot derive it) and print {@code identity
 * <invokerId> aef <host>:<port>}; the CCF keeps the invoker's security context after this process ends.
 */
public final class CapifHandshakeLoad {
    private CapifHandshakeLoad() {
    }

    public static void main(String[] args) throws Exception {
        boolean export = args.length == 5 && args[3].equals("psk");
        if (args.length != 6 && !export) {
            System.err.println("usage: CapifHandshakeLoad ccfHost:port caCertPem apiName 1.2|1.3 threads seconds\n"
                    + "       CapifHandshakeLoad ccfHost:port caCertPem apiName psk keyFile");
            System.exit(2);
        }
        String[] hostPort = args[0].split(":");
        X509Certificate ca = PemFiles.readCertificates(Path.of(args[1])).getFirst();
        CcfEndpoint ccf = new CcfEndpoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
                "localhost", ca);
        try (ApiInvoker invoker = ApiInvoker.onboard(ccf, "http://127.0.0.1:1/keygate-invoker", "handshake load",
                null)) {
            InterfaceDescription iface = invoker.discover("api-name=" + URLEncoder.encode(args[2],
                    StandardCharsets.UTF_8)).serviceAPIDescriptions().getFirst().aefProfiles().getFirst()
                    .interfaceDescriptions().getFirst();
            invoker.requestSecurity(List.of(new SecurityInformation(iface, null, null, List.of(SecurityMethod.PSK),
                    null, null, null)));
            AefInterfaceId aef = iface.aefInterfaceId();
            if (export) {
                writeKey(Path.of(args[4]), invoker.aefPsk(aef).orElseThrow());
                System.out.println("identity " + invoker.id() + " aef " + aef.host() + ":" + aef.port());
                return;
            }
            TlsVersion version = args[3].equals("1.2") ? TlsVersion.TLS_1_2 : TlsVersion.TLS_1_3;
            int threads = Integer.parseInt(args[4]);
            long seconds = Long.parseLong(args[5]);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            (invoker.callWithPsk(aef, "/hello", version).status() == 200 ? ok : failed)
                                    .incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
            for (Thread w : workers) {
                w.join();
            }
            System.out.println("handshakes " + ok + " failed " + failed + " seconds " + seconds);
        }
    }

    private static void writeKey(Path file, SecretBytes key) throws java.io.IOException {
        byte[] octets = key.toByteArray(InsecureSecretAccess.get());
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(octets) + "\n");
        } finally {
            java.util.Arrays.fill(octets, (byte) 0);
        }
    }
}
