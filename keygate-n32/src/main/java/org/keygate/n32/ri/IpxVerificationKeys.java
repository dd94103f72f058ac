package org.keygate.n32.ri;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;

/**
 * The public keys that verify one Roaming Intermediary's JWS modifications, read from the IpxProviderSecInfo a
 * peer sent over N32-c (TS 33.501 13.2.2.2 step 3). DESIGN.md: {@code rawPublicKeyList} entries are base64 DER
 * SubjectPublicKeyInfo, {@code certificateList} entries base64 DER X.509. Only P-256 keys are useful: RIs sign with
 * ES256 only (TS 33.501 13.2.4.9).
 */
public record IpxVerificationKeys(String ipxProviderId, List<ECPublicKey> keys, List<X509Certificate> certificates) {
    /** The P-256 field size in bits. */
    private static final int P256_BITS = 256;

    /**
     * @param keys every key, raw or certified
     * @param certificates the certificates among the entries (their keys are in {@code keys} too): checked again
     *     for revocation when they verify a modification ({@link RiCertificateCheck})
     */
    public IpxVerificationKeys {
        keys = List.copyOf(keys);
        certificates = List.copyOf(certificates);
    }

    /** Raw keys only. */
    public IpxVerificationKeys(String ipxProviderId, List<ECPublicKey> keys) {
        this(ipxProviderId, keys, List.of());
    }

    /** The certificate that carries {@code key}, when it came as one. */
    public Optional<X509Certificate> certificateOf(PublicKey key) {
        return certificates.stream().filter(c -> c.getPublicKey().equals(key)).findFirst();
    }

    /**
     * Parses every entry; throws {@link IllegalArgumentException} naming the first bad one (by list and index, never
     * its content).
     */
    public static IpxVerificationKeys from(IpxProviderSecInfo info) {
        return from(info, null, RiCertificateCheck.NONE);
    }

    /**
     * As {@link #from(IpxProviderSecInfo)}, also refusing SEPP keys when {@code seppKeys} is given, and certificates
     * that {@code trust} refuses (not under the RI provider's anchor, or revoked).
     */
    private static IpxVerificationKeys from(IpxProviderSecInfo info, SeppKeyCheck seppKeys,
            RiCertificateCheck trust) {
        List<ECPublicKey> keys = new ArrayList<>();
        List<X509Certificate> certified = new ArrayList<>();
        List<String> raw = info.rawPublicKeyList() == null ? List.of() : info.rawPublicKeyList();
        for (int i = 0; i < raw.size(); i++) {
            String where = "rawPublicKeyList/" + i;
            ECPublicKey key = p256(where, rawKey(raw.get(i), where));
            if (seppKeys != null) {
                seppKeys.ofKey(key).ifPresent(why -> refuse(where, why));
            }
            keys.add(key);
        }
        List<String> certs = info.certificateList() == null ? List.of() : info.certificateList();
        for (int i = 0; i < certs.size(); i++) {
            String where = "certificateList/" + i;
            X509Certificate cert = certificate(certs.get(i), where);
            if (seppKeys != null) {
                seppKeys.ofCertificate(cert).ifPresent(why -> refuse(where, why));
            }
            ECPublicKey key = p256(where, cert.getPublicKey());
            // TS 33.501 13.2.4.5.2 NOTE 1, TS 33.310 Annex F.2: a certificate counts only under the RI's anchor, unrevoked.
            trust.refusal(info.ipxProviderId(), cert).ifPresent(why -> {
                throw new IllegalArgumentException(where + ": " + why);
            });
            keys.add(key);
            certified.add(cert);
        }
        return new IpxVerificationKeys(info.ipxProviderId(), keys, certified);
    }

    private static void refuse(String where, String why) {
        throw new IllegalArgumentException(where + ": " + why + " (TS 33.517 4.2.2.2)");
    }

    /**
     * Problems of a received list, one per bad entry, with the JSON pointer below {@code pointer}; empty when every
     * key parses. Nothing of the content is echoed.
     */
    public static List<InvalidParam> problems(String pointer, List<IpxProviderSecInfo> list) {
        return problems(pointer, list, null);
    }

    /**
     * As {@link #problems(String, List)} for a list received from a partner: a key or certificate that is the
     * partner SEPP's own ({@link SeppKeyCheck}) is a problem too.
     */
    public static List<InvalidParam> problems(String pointer, List<IpxProviderSecInfo> list, SeppKeyCheck seppKeys) {
        return problems(pointer, list, seppKeys, RiCertificateCheck.NONE);
    }

    /**
     * As {@link #problems(String, List, SeppKeyCheck)}, a certificate that {@code trust} refuses being a problem too
     * (issue 18: certified RI keys are chain-validated and revocation-checked like TLS certificates).
     */
    public static List<InvalidParam> problems(String pointer, List<IpxProviderSecInfo> list, SeppKeyCheck seppKeys,
            RiCertificateCheck trust) {
        List<InvalidParam> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                continue;
            }
            try {
                from(list.get(i), seppKeys, trust);
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                int colon = msg.indexOf(':');
                out.add(new InvalidParam(pointer + "/" + i + "/" + msg.substring(0, colon), msg.substring(colon + 2)));
            }
        }
        return out;
    }

    private static PublicKey rawKey(String base64, String where) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(decode(base64, where)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ": not an EC SubjectPublicKeyInfo");
        }
    }

    private static X509Certificate certificate(String base64, String where) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(decode(base64, where)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ": not a DER X.509 certificate");
        }
    }

    private static ECPublicKey p256(String where, PublicKey key) {
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == P256_BITS) {
            return ec;
        }
        throw new IllegalArgumentException(where + ": not a P-256 key (ES256 only, TS 33.501 13.2.4.9)");
    }

    private static byte[] decode(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": not base64");
        }
    }
}
