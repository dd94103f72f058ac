package org.keygate.tls.pki;

import java.util.Objects;
import org.keygate.tls.plmn.PlmnId;

/** One SEPP of a lab PKI: a directory name, its PLMN and its FQDN. */
public record LabSepp(String name, PlmnId plmn, String fqdn) {
    public LabSepp {
        Objects.requireNonNull(plmn, "plmn");
        Objects.requireNonNull(fqdn, "fqdn");
        if (name == null || !name.matches("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")) {
            throw new IllegalArgumentException("name: " + name + " (expected: letters, digits, - and _)");
        }
    }
}
