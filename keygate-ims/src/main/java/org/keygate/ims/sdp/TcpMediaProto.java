package org.keygate.ims.sdp;

/** The TLS-protected TCP media of TS 23.333 5.20: the SDP media type and proto of each. */
public enum TcpMediaProto {
    /** RFC 4975 8.1 / RFC 6135: {@code m=message <port> TCP/TLS/MSRP *}. */
    MSRP("message", "TCP/TLS/MSRP", "*"),
    /** RFC 4583 3: {@code m=application <port> TCP/TLS/BFCP *}. */
    BFCP("application", "TCP/TLS/BFCP", "*");

    private final String mediaType;
    private final String proto;
    private final String format;

    TcpMediaProto(String mediaType, String proto, String format) {
        this.mediaType = mediaType;
        this.proto = proto;
        this.format = format;
    }

    public String mediaType() {
        return mediaType;
    }

    public String proto() {
        return proto;
    }

    public String format() {
        return format;
    }

    static TcpMediaProto of(String mediaType, String proto) {
        for (TcpMediaProto p : values()) {
            if (p.mediaType.equals(mediaType) && p.proto.equals(proto)) {
                return p;
            }
        }
        throw new SdpException("media is neither message TCP/TLS/MSRP nor application TCP/TLS/BFCP");
    }
}
