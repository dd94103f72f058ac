package org.keygate.tls.bc;

import org.bouncycastle.tls.ProtocolVersion;

/** The TLS versions the BC handler speaks. Older versions are not offered (RFC 8996). */
public enum TlsVersion {
    TLS_1_2("TLSv1.2", ProtocolVersion.TLSv12),
    TLS_1_3("TLSv1.3", ProtocolVersion.TLSv13);

    private final String jdkName;
    private final ProtocolVersion bc;

    TlsVersion(String jdkName, ProtocolVersion bc) {
        this.jdkName = jdkName;
        this.bc = bc;
    }

    /** The JDK's name ({@code TLSv1.2}, {@code TLSv1.3}), as {@code SSLSession.getProtocol()} gives it. */
    public String jdkName() {
        return jdkName;
    }

    ProtocolVersion bc() {
        return bc;
    }

    static TlsVersion of(ProtocolVersion v) {
        for (TlsVersion t : values()) {
            if (t.bc.equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported TLS version " + v);
    }
}
