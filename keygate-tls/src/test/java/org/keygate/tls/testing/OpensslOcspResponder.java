package org.keygate.tls.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.keygate.tls.pki.LabPki;

/**
 * A real OCSP responder, not ours: {@code openssl ocsp} (Debian openssl) serving an index file in the format of
 * {@code openssl ca}, signing with the given certificate and key. It first binds port 0 (openssl 3 takes no address:
 * it listens on all interfaces, and the tests only ever send it loopback traffic) and prints the port it got. openssl
 * 3.0 reads its index once, at start (only its -multi mode reads it again, one request late): a change of the index
 * restarts it on the same port.
 *
 * <p>Serves one request at a time, as openssl does; stopped with {@link #close}.
 */
public final class OpensslOcspResponder implements AutoCloseable {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT \\S*:(\\d+)");
    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final int nextUpdateMinutes;
    private Process process;
    private int port;
    /** serial (openssl's BN_bn2hex form) to index line. */
    private final Map<String, String> index = new LinkedHashMap<>();

    private OpensslOcspResponder(Path dir, int nextUpdateMinutes) {
        this.dir = dir;
        this.nextUpdateMinutes = nextUpdateMinutes;
    }

    /**
     * Starts {@code openssl ocsp} for the certificates of {@code ca}, signing with {@code signer}/{@code signerKey}
     * (the CA's delegated responder, or a wrong one), answers valid {@code nextUpdateMinutes} (openssl's -nmin).
     */
    public static OpensslOcspResponder start(Path dir, X509Certificate ca, X509Certificate signer,
            PrivateKey signerKey, int nextUpdateMinutes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ca.crt"), pem(ca), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("signer.crt"), pem(signer), StandardCharsets.US_ASCII);
        LabPki.writePrivateKey(dir.resolve("signer.key"), signerKey);
        Files.writeString(dir.resolve("index.txt"), "");
        OpensslOcspResponder r = new OpensslOcspResponder(dir, nextUpdateMinutes);
        r.launch(0);
        return r;
    }

    private void launch(int wantedPort) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-index", "index.txt", "-port",
                Integer.toString(wantedPort), "-CA", "ca.crt", "-rsigner", "signer.crt", "-rkey", "signer.key",
                "-nmin", Integer.toString(nextUpdateMinutes)));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("openssl is not installed; the OCSP tests need it (Debian: openssl)", e);
        }
        CompletableFuture<Integer> announced = new CompletableFuture<>();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.append(line).append('\n');
                    Matcher m = ACCEPT.matcher(line);
                    if (m.find()) {
                        announced.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            announced.completeExceptionally(new IOException("openssl ocsp ended:\n" + out));
        }, "openssl-ocsp-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = announced.get(10, TimeUnit.SECONDS);
            process = p;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new AssertionError("openssl ocsp did not announce its port within 10 s: " + e + "\n" + out, e);
        }
    }

    /** The responder's URL on loopback. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Lists {@code cert} as valid (certStatus good). */
    public synchronized void good(X509Certificate cert) throws IOException {
        index.put(serial(cert), String.join("\t", "V", INDEX_TIME.format(cert.getNotAfter().toInstant()), "",
                serial(cert), "unknown", "/CN=" + serial(cert)));
        writeIndex();
    }

    /** Lists {@code cert} as revoked since {@code when} for keyCompromise. */
    public synchronized void revoke(X509Certificate cert, Instant when) throws IOException {
        index.put(serial(cert), String.join("\t", "R", INDEX_TIME.format(cert.getNotAfter().toInstant()),
                INDEX_TIME.format(when) + ",keyCompromise", serial(cert), "unknown", "/CN=" + serial(cert)));
        writeIndex();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Writes the index and restarts openssl on its port, so that the next request reads it. */
    private void writeIndex() throws IOException {
        Path tmp = dir.resolve("index.txt.new");
        StringBuilder b = new StringBuilder();
        index.values().forEach(line -> b.append(line).append('\n'));
        Files.writeString(tmp, b);
        Files.move(tmp, dir.resolve("index.txt"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        launch(port);
    }

    /** openssl's BN_bn2hex: upper-case hex, whole bytes. */
    private static String serial(X509Certificate cert) {
        BigInteger s = cert.getSerialNumber();
        String hex = s.toString(16).toUpperCase(java.util.Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }
}
