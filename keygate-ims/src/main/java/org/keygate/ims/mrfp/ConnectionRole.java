package org.keygate.ims.mrfp;

/** Which side the MRFP takes for TCP (RFC 4145 4) or for TLS (RFC 6135 for MSRP, RFC 4583 8 for BFCP). */
public enum ConnectionRole {
    CLIENT,
    SERVER
}
