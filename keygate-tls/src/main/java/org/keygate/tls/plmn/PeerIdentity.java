package org.keygate.tls.plmn;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a SEPP certificate says about its holder: the SAN dNSNames and the PLMN IDs they carry
 * (TS 33.501 13.1.2: PLMN IDs are extracted from the remote SEPP's end-entity certificate).
 */
public record PeerIdentity(Set<PlmnId> plmnIds, List<String> dnsNames) {
    /** RFC 5280 4.2.1.6 GeneralName tag for dNSName. */
    private static final int DNS_NAME = 2;

    public PeerIdentity {
        plmnIds = Set.copyOf(plmnIds);
        dnsNames = List.copyOf(dnsNames);
    }

    /**
     * Identities already read, by certificate: a SEPP checks its partner's certificate on every N32-f message, and
     * decoding the SAN extension each time cost more than forwarding the message. Weak keys: an entry goes with the
     * last session holding its certificate.
     */
    private static final Map<X509Certificate, PeerIdentity> READ = Collections.synchronizedMap(new WeakHashMap<>());

    public static PeerIdentity of(X509Certificate cert) {
        PeerIdentity known = READ.get(cert);
        if (known != null) {
            return known;
        }
        PeerIdentity read = read(cert);
        READ.put(cert, read);
        return read;
    }

    /**
     * TS 33.501 13.1.2 / 13.2.4.7: whether the certificate carries {@code fqdn}, the name its holder claims (as
     * {@code sender}, or as the FQDN it is configured under), among its dNSNames; a trailing dot is ignored.
     */
    public boolean names(String fqdn) {
        String wanted = stripDot(fqdn);
        return dnsNames.stream().anyMatch(n -> stripDot(n).equalsIgnoreCase(wanted));
    }

    private static String stripDot(String fqdn) {
        return fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
    }

    private static PeerIdentity read(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(DNS_NAME).equals(san.get(0)) && san.get(1) instanceof String s) {
                        names.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A certificate whose SAN does not parse names nothing; it will match no PLMN and be refused.
        }
        Set<PlmnId> plmns = new LinkedHashSet<>();
        names.forEach(n -> PlmnId.fromFqdn(n).ifPresent(plmns::add));
        return new PeerIdentity(plmns, names);
    }
}
