package org.keygate.tls.plmn;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The NFTypes certificate extension of RFC 9310: the 5G network function types the certificate's holder may act as,
 * {@code NFTypes ::= SEQUENCE SIZE (1..MAX) OF NFType}, {@code NFType ::= IA5String (SIZE (1..32))}, values being
 * TS 29.510 NFType names ({@code SEPP}, {@code AMF}, ...). Bouncy Castle has no type for it (RFC 9310 is younger than
 * its extension classes), so the two ASN.1 shapes are read and written here with its primitives.
 *
 * <p>A SEPP's partner on N32-c and N32-f must be a SEPP: a certificate that carries the extension without
 * {@value #SEPP} is refused ({@link #requireSepp}); one without the extension stays accepted (most PKIs do not issue it
 * yet, and RFC 9310 makes it optional).
 */
public final class NfTypes {
    /** RFC 9310 2: id-pe-nftype, { id-pe 34 }. */
    public static final ASN1ObjectIdentifier ID_PE_NFTYPE = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.34");
    /** TS 29.510 NFType of a SEPP. */
    public static final String SEPP = "SEPP";
    /** RFC 9310 2: NFType ::= IA5String (SIZE (1..32)). */
    static final int MAX_LENGTH = 32;

    private NfTypes() {}

    /**
     * The NF types the certificate carries; empty when it has no NFTypes extension.
     *
     * @throws CertificateException when the extension is there but is not a non-empty SEQUENCE OF IA5String of 1 to
     *     32 characters
     */
    public static Optional<List<String>> of(X509Certificate cert) throws CertificateException {
        byte[] ext = cert.getExtensionValue(ID_PE_NFTYPE.getId());
        if (ext == null) {
            return Optional.empty();
        }
        List<String> types = new ArrayList<>();
        try {
            ASN1Primitive value = JcaX509ExtensionUtils.parseExtensionValue(ext);
            if (!(value instanceof ASN1Sequence seq) || seq.size() == 0) {
                throw malformed(cert, "not a non-empty SEQUENCE");
            }
            for (ASN1Encodable e : seq) {
                if (!(e instanceof ASN1IA5String s) || s.getString().isEmpty() || s.getString().length() > MAX_LENGTH) {
                    throw malformed(cert, "an element is not an IA5String of 1 to " + MAX_LENGTH + " characters");
                }
                types.add(s.getString());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(cert, e.getMessage());
        }
        return Optional.of(List.copyOf(types));
    }

    /**
     * Refuses a certificate whose NFTypes extension does not list {@value #SEPP}: a partner SEPP's certificate on N32-c
     * and N32-f (RFC 9310 5: a relying party may check that the peer is of the NF type it expects).
     */
    public static void requireSepp(X509Certificate leaf) throws CertificateException {
        Optional<List<String>> types = of(leaf);
        if (types.isPresent() && !types.get().contains(SEPP)) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal()
                    + " carries the NFTypes extension (RFC 9310) with " + types.get() + ", without " + SEPP
                    + " (expected: a SEPP's certificate on N32-c/N32-f)");
        }
    }

    /** The extension value to issue (DER), e.g. for {@code keygate pki --nf-types SEPP}. */
    public static ASN1Encodable extensionValue(List<String> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("nfTypes: [] (expected: at least one NF type, RFC 9310)");
        }
        ASN1Encodable[] elements = new ASN1Encodable[types.size()];
        for (int i = 0; i < elements.length; i++) {
            String t = types.get(i);
            if (t.isEmpty() || t.length() > MAX_LENGTH || !DERIA5String.isIA5String(t)) {
                throw new IllegalArgumentException("nfTypes[" + i + "]: " + t + " (expected: 1 to " + MAX_LENGTH
                        + " ASCII characters, a TS 29.510 NFType such as SEPP)");
            }
            elements[i] = new DERIA5String(t);
        }
        return new DERSequence(elements);
    }

    private static CertificateException malformed(X509Certificate cert, String why) {
        return new CertificateException("certificate " + cert.getSubjectX500Principal()
                + " has a malformed NFTypes extension (RFC 9310): " + why);
    }
}
