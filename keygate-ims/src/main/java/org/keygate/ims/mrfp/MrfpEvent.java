package org.keygate.ims.mrfp;

import java.util.Objects;

/**
 * What the MRFP reports to the MRFC about a media termination (TS 23.333 5.20.2: TCP and TLS failures; keygate
 * adds the establishment and the end of the TLS session so the MRFC can follow the stream).
 *
 * @param sequence increasing from 1, for {@code GET /events?after=}
 * @param detail a fixed text or a TLS alert name; never key material
 */
public record MrfpEvent(long sequence, String conferenceId, String terminationId, Type type, String detail) {
    public enum Type { TCP_ESTABLISHED, TCP_FAILURE, TLS_ESTABLISHED, TLS_FAILURE, TLS_RELEASED }

    public MrfpEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }
}
