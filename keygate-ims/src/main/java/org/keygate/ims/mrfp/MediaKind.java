package org.keygate.ims.mrfp;

/** The TCP-based media the MRFP protects with TLS-PSK (TS 23.333 5.20.2): session-based messaging and floor control. */
public enum MediaKind {
    /** RFC 4975 over TLS, SDP proto {@code TCP/TLS/MSRP}. */
    MSRP,
    /** RFC 4582 over TLS, SDP proto {@code TCP/TLS/BFCP}. */
    BFCP
}
