package org.keygate.capif.ca;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of certificates and CSRs (RFC 7468), as carried in TS 29.222's string members. */
public final class Pem {
    private Pem() {}

    public static String of(Object certificateOrCsr) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(certificateOrCsr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
