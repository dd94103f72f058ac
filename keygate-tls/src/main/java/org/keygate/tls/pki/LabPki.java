package org.keygate.tls.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.keygate.tls.plmn.PlmnId;

/**
 * Writes a lab PKI: each SEPP gets a root CA of its own, named after its PLMN (so a lab with one SEPP per PLMN has
 * one root per PLMN, and an impostor claiming a PLMN under another root can be staged for tests). Each SEPP
 * certificate has SAN dNSNames {@code sepp.5gc.mncXXX.mccYYY.3gppnetwork.org}, the SEPP's FQDN (if different) and
 * {@code localhost}, and the IP 127.0.0.1.
 *
 * <p>Layout: {@code <out>/<name>/ca.crt}, {@code sepp.crt} (leaf then CA), {@code sepp.key} (PKCS#8, mode 600).
 */
public final class LabPki {
    private LabPki() {}

    public static Map<String, LabSeppFiles> generate(Path outDir, List<LabSepp> sepps, Duration validity)
            throws IOException, GeneralSecurityException {
        return generate(outDir, sepps, validity, List.of());
    }

    /** As {@link #generate(Path, List, Duration)}, each SEPP certificate with the RFC 9310 NFTypes {@code nfTypes}. */
    public static Map<String, LabSeppFiles> generate(Path outDir, List<LabSepp> sepps, Duration validity,
            List<String> nfTypes) throws IOException, GeneralSecurityException {
        Map<String, LabSeppFiles> out = new LinkedHashMap<>();
        for (LabSepp sepp : sepps) {
            if (out.containsKey(sepp.name())) {
                throw new IllegalArgumentException("two lab SEPPs named " + sepp.name());
            }
            LabCa ca = LabCa.create("keygate lab root " + sepp.plmn() + " (" + sepp.name() + ")", validity);
            List<String> names = new ArrayList<>(List.of(sepp.plmn().seppFqdn()));
            if (!sepp.fqdn().equalsIgnoreCase(sepp.plmn().seppFqdn())) {
                names.add(sepp.fqdn());
            }
            names.add("localhost");
            LabCa.Issued issued = ca.issue(names, List.of(InetAddress.getLoopbackAddress()), nfTypes);
            out.put(sepp.name(), write(outDir.resolve(sepp.name()), ca, issued));
        }
        return out;
    }

    /** A certificate carrying several PLMNs' SEPP names, signed by {@code ca}: for trust-mapping tests and labs. */
    public static LabCa.Issued issueMultiPlmn(LabCa ca, List<PlmnId> plmns) throws GeneralSecurityException {
        return ca.issue(plmns.stream().map(PlmnId::seppFqdn).toList(), List.of(InetAddress.getLoopbackAddress()));
    }

    /**
     * A Roaming Intermediary (IPX) of the lab: a root CA of its own ("keygate lab IPX root (name)") and a certificate
     * with SAN dNSNames {@code fqdn} and {@code localhost} and the IP 127.0.0.1, and no PLMN ID (an IPX is no PLMN).
     * Written as {@code <out>/<name>/ca.crt}, {@code ipx.crt}, {@code ipx.key}.
     */
    public static LabSeppFiles generateIntermediary(Path outDir, String name, String fqdn, Duration validity)
            throws IOException, GeneralSecurityException {
        if (PlmnId.fromFqdn(fqdn).isPresent()) {
            throw new IllegalArgumentException("fqdn: " + fqdn + " (expected: an IPX name, not a PLMN's)");
        }
        LabCa ca = LabCa.create("keygate lab IPX root (" + name + ")", validity);
        LabCa.Issued issued = ca.issue(List.of(fqdn, "localhost"), List.of(InetAddress.getLoopbackAddress()));
        return write(outDir.resolve(name), ca, issued, "ipx");
    }

    /** Writes ca.crt, sepp.crt (leaf then CA) and sepp.key (PKCS#8) into {@code dir}. */
    public static LabSeppFiles write(Path dir, LabCa ca, LabCa.Issued issued) throws IOException {
        return write(dir, ca, issued, "sepp");
    }

    private static LabSeppFiles write(Path dir, LabCa ca, LabCa.Issued issued, String baseName) throws IOException {
        Files.createDirectories(dir);
        Path caFile = dir.resolve("ca.crt");
        Path certFile = dir.resolve(baseName + ".crt");
        Path keyFile = dir.resolve(baseName + ".key");
        Files.writeString(caFile, pem(ca.certificate()), StandardCharsets.US_ASCII);
        Files.writeString(certFile, pem(issued.certificate()) + pem(ca.certificate()), StandardCharsets.US_ASCII);
        writePrivateKey(keyFile, issued.keyPair().getPrivate());
        return new LabSeppFiles(caFile, certFile, keyFile);
    }

    /** Writes {@code key} as PEM PKCS#8 to a new {@code file} readable by its owner only (where the system allows). */
    public static void writePrivateKey(Path file, java.security.PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, pem(new JcaPKCS8Generator(key, null)), StandardCharsets.US_ASCII);
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }
}
