package org.keygate.cli.ims;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.kms.KmsTls;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.ticket.KmsCredentials;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;

/**
 * Writes an IMS lab directory: a lab CA; for the KMS, the MRFC and two UEs a certificate ({@code <node>/sepp.crt},
 * {@code sepp.key}, {@code ca.crt}, LabPki's names); each user's KMS key ({@code <node>/kms.psk}, hex); the KMS's TPK;
 * and kms.yaml, mrfc.yaml, mrfp.yaml, read back by the daemons through their loaders. Ports are free loopback ports
 * found now.
 */
final class ImsLabFiles {
    static final String KMS = "sip:kms@ims.example.org";
    static final String MRFC = "sip:mrfc@ims.example.org";
    static final String ALICE = "sip:alice@ims.example.org";
    static final String BOB = "sip:bob@ims.example.org";
    static final String KMS_HOST = "kms.ims.example.org";

    final Path dir;
    final int kmsPort;
    final int kmsAdmin;
    final int mrfcSip;
    final int mrfcAdmin;
    final int mrfpControl;
    final int mrfpAdmin;

    private ImsLabFiles(Path dir) throws IOException {
        this.dir = dir;
        this.kmsPort = freeTcp();
        this.kmsAdmin = freeTcp();
        this.mrfcSip = freeUdp();
        this.mrfcAdmin = freeTcp();
        this.mrfpControl = freeTcp();
        this.mrfpAdmin = freeTcp();
    }

    static ImsLabFiles write(Path dir) throws IOException, GeneralSecurityException {
        ImsLabFiles f = new ImsLabFiles(dir);
        LabCa ca = LabCa.create("keygate IMS lab CA", Duration.ofDays(30));
        SecureRandom random = new SecureRandom();
        for (String node : List.of("kms", "mrfc", "alice", "bob")) {
            LabPki.write(dir.resolve(node), ca, ca.issue(List.of(node + ".ims.example.org"),
                    node.equals("kms") ? List.of(InetAddress.getLoopbackAddress()) : List.of()));
            if (!node.equals("kms")) {
                secret(dir.resolve(node).resolve("kms.psk"), random);
            }
        }
        secret(dir.resolve("kms").resolve("tpk.hex"), random);
        Files.writeString(dir.resolve("kms.yaml"), """
                # keygate ims kms (docs/IMS.md, "kms.yaml"); written by keygate ims lab
                identity: %s
                bind: 127.0.0.1:%d
                admin: 127.0.0.1:%d
                tls: {certificate: kms/sepp.crt, key: kms/sepp.key, trustAnchors: [kms/ca.crt]}
                tpk: {id: kms-tpk-1, keyFile: kms/tpk.hex}
                stateDir: kms/state
                maxTicketLifetime: PT12H
                clockSkew: PT5M
                shutdown: {drainTimeout: PT10S}
                users:
                  - {identity: %s, pskId: psk-mrfc, pskFile: mrfc/kms.psk, tlsNames: [mrfc.ims.example.org]}
                  - {identity: %s, pskId: psk-alice, pskFile: alice/kms.psk, tlsNames: [alice.ims.example.org]}
                  - {identity: %s, pskId: psk-bob, pskFile: bob/kms.psk, tlsNames: [bob.ims.example.org]}
                """.formatted(KMS, f.kmsPort, f.kmsAdmin, MRFC, ALICE, BOB));
        Files.writeString(dir.resolve("mrfp.yaml"), """
                # keygate ims mrfp (docs/IMS.md, "mrfp.yaml"); written by keygate ims lab
                control: 127.0.0.1:%d
                admin: 127.0.0.1:%d
                media: {host: 127.0.0.1, minPort: 0, maxPort: 0, maxTerminations: 100}
                shutdown: {drainTimeout: PT10S}
                """.formatted(f.mrfpControl, f.mrfpAdmin));
        Files.writeString(dir.resolve("mrfc.yaml"), """
                # keygate ims mrfc (docs/IMS.md, "mrfc.yaml"); written by keygate ims lab
                identity: %s
                sip: {host: 127.0.0.1, port: %d, transport: UDP}
                admin: 127.0.0.1:%d
                kms:
                  identity: %s
                  address: 127.0.0.1:%d
                  host: %s
                  pskId: psk-mrfc
                  pskFile: mrfc/kms.psk
                  probeInterval: PT1S
                tls: {certificate: mrfc/sepp.crt, key: mrfc/sepp.key, trustAnchors: [mrfc/ca.crt]}
                mrfp: {control: "http://127.0.0.1:%d", bfcpConferenceId: 1, floorIds: [1], pollInterval: PT0.5S}
                tlsProtType: 2
                pskIdentityFormat: "mikey:{csbId}:{csId}:{spi}"
                shutdown: {drainTimeout: PT10S}
                """.formatted(MRFC, f.mrfcSip, f.mrfcAdmin, KMS, f.kmsPort, KMS_HOST, f.mrfpControl));
        return f;
    }

    Path kmsYaml() {
        return dir.resolve("kms.yaml");
    }

    Path mrfcYaml() {
        return dir.resolve("mrfc.yaml");
    }

    Path mrfpYaml() {
        return dir.resolve("mrfp.yaml");
    }

    /** The KMS key {@code <node>/kms.psk} of {@code identity}, as the KMS's users list names it ({@code psk-<node>}). */
    KmsCredentials credentials(String node, String identity) throws IOException {
        byte[] psk = HexFormat.of().parseHex(Files.readString(dir.resolve(node).resolve("kms.psk")).strip());
        try {
            return new KmsCredentials(identity, KMS, Octets.ofUtf8("psk-" + node), SecretBytes.copyOf(psk));
        } finally {
            java.util.Arrays.fill(psk, (byte) 0);
        }
    }

    /** Mutual TLS toward the KMS with {@code node}'s certificate and the lab CA. */
    SSLContext kmsTls(String node) throws IOException, GeneralSecurityException {
        return KmsTls.context(TlsKeyMaterial.load(dir.resolve(node).resolve("sepp.crt"), dir.resolve(node).resolve("sepp.key")),
                PemFiles.readCertificates(dir.resolve(node).resolve("ca.crt")));
    }

    private static void secret(Path file, SecureRandom random) throws IOException {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
    }

    private static int freeTcp() throws IOException {
        return FreePorts.loopback(1)[0];
    }

    private static int freeUdp() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
