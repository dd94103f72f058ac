package org.keygate.tls.exporter;

import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.SSLSession;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The TLS exporter (RFC 5705 for TLS 1.2, RFC 8446 7.5 for TLS 1.3) through JDK 25's
 * {@link ExtendedSSLSession#exportKeyingMaterialData}, and the N32 master key (TS 33.501 13.2.2.2 step 4,
 * 13.2.4.4.1).
 *
 * <p>The context must be given, never null: under TLS 1.2 an absent context and an empty one give different keys
 * (RFC 5705 4), and TS 33.501 asks for the empty string, which is what OpenSSL computes.
 */
public final class TlsExporter {
    private TlsExporter() {}

    public static SecretBytes export(SSLSession session, String label, byte[] context, int length) {
        Objects.requireNonNull(context, "context (empty is not absent: RFC 5705 4)");
        if (!(session instanceof ExtendedSSLSession extended)) {
            throw new IllegalStateException("the TLS session does not support exporters: "
                    + (session == null ? "none" : session.getClass().getName()));
        }
        byte[] out = null;
        try {
            out = extended.exportKeyingMaterialData(label, context, length);
            if (out == null) {
                throw new IllegalStateException("the TLS session exported nothing (handshake not complete?)");
            }
            return SecretBytes.copyOf(out);
        } catch (SSLKeyException e) {
            throw new IllegalStateException("TLS exporter failed: " + e.getMessage(), e);
        } finally {
            if (out != null) {
                Arrays.fill(out, (byte) 0);
            }
        }
    }

    /** 64 octets, label EXPORTER_3GPP_N32_MASTER, empty context. */
    public static N32MasterKey exportN32MasterKey(SSLSession session) {
        return N32MasterKey.of(export(session, N32MasterKey.EXPORTER_LABEL, new byte[0], N32MasterKey.LENGTH));
    }
}
