package org.keygate.ims.sdp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SDP offer or answer for TS 23.333 5.20 media: origin, connection address, an optional session-level
 * {@code a=key-mgmt:mikey} carrying a MIKEY message (RFC 4567 3.1), and the TLS-protected TCP media.
 */
public record SecureMediaSdp(String originUser, long sessionId, long sessionVersion, String host,
        Optional<byte[]> keyMgmt, List<TcpMedia> media) {
    public SecureMediaSdp {
        Objects.requireNonNull(originUser, "originUser");
        Objects.requireNonNull(host, "host");
        keyMgmt = keyMgmt.map(byte[]::clone);
        media = List.copyOf(media);
        if (media.isEmpty()) {
            throw new SdpException("no media");
        }
    }

    @Override
    public Optional<byte[]> keyMgmt() {
        return keyMgmt.map(byte[]::clone);
    }

    /** RFC 4567 3.1: a media-level key-mgmt attribute overrides the session-level one for that media. */
    public Optional<byte[]> keyMgmtFor(TcpMedia m) {
        return m.keyMgmt().or(this::keyMgmt);
    }

    /** The MIKEY message of the session: session level, else the one all media carry (they must agree). */
    public Optional<byte[]> mikey() {
        if (keyMgmt.isPresent()) {
            return keyMgmt();
        }
        List<byte[]> perMedia = media.stream().map(TcpMedia::keyMgmt).flatMap(Optional::stream).toList();
        if (perMedia.isEmpty()) {
            return Optional.empty();
        }
        if (perMedia.size() != media.size() || perMedia.stream().anyMatch(b -> !Arrays.equals(b, perMedia.getFirst()))) {
            throw new SdpException("media carry different MIKEY messages; keygate expects one crypto session bundle");
        }
        return Optional.of(perMedia.getFirst());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecureMediaSdp s && originUser.equals(s.originUser) && sessionId == s.sessionId
                && sessionVersion == s.sessionVersion && host.equals(s.host) && media.equals(s.media)
                && keyMgmt.isPresent() == s.keyMgmt.isPresent()
                && (keyMgmt.isEmpty() || Arrays.equals(keyMgmt.get(), s.keyMgmt.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(originUser, sessionId, host, media);
    }
}
