package org.keygate.ims.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import org.keygate.ims.msrp.MsrpUri;
import javax.sdp.Attribute;
import javax.sdp.MediaDescription;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/**
 * Writes and reads {@link SecureMediaSdp} bodies. Writing builds the RFC 4566 text directly (the fields are few and
 * fixed); reading goes through JAIN-SIP's SDP parser ({@code javax.sdp}), then keygate checks what the media security
 * procedures need: the TCP/TLS protos, {@code a=setup} (RFC 4145 4, default active when absent), base64 MIKEY in
 * {@code a=key-mgmt:mikey} (RFC 4567 3.1), the MSRP path and the BFCP floor attributes. Any failure, including the
 * parser's own exceptions, is one {@link SdpException} with a fixed message.
 *
 * <p>Limits: {@value #MAX_SDP_OCTETS} octets of SDP, {@value #MAX_MEDIA} media, {@value #MAX_MIKEY_OCTETS} octets of
 * MIKEY (keygate's MIKEY codec limit).
 */
public final class SdpCodec {
    public static final int MAX_SDP_OCTETS = 16 * 1024;
    public static final int MAX_MEDIA = 8;
    public static final int MAX_MIKEY_OCTETS = 8192;
    /** RFC 4567 3.1: the protocol identifier of MIKEY in a=key-mgmt. */
    public static final String MIKEY = "mikey";

    private SdpCodec() {
    }

    public static String write(SecureMediaSdp sdp) {
        StringBuilder b = new StringBuilder(512);
        b.append("v=0\r\n");
        b.append("o=").append(sdp.originUser()).append(' ').append(sdp.sessionId()).append(' ').append(sdp.sessionVersion())
                .append(" IN ").append(addrType(sdp.host())).append(' ').append(sdp.host()).append("\r\n");
        b.append("s=-\r\n");
        b.append("c=IN ").append(addrType(sdp.host())).append(' ').append(sdp.host()).append("\r\n");
        b.append("t=0 0\r\n");
        sdp.keyMgmt().ifPresent(k -> b.append(keyMgmt(k)));
        for (TcpMedia m : sdp.media()) {
            b.append("m=").append(m.proto().mediaType()).append(' ').append(m.port()).append(' ').append(m.proto().proto())
                    .append(' ').append(m.proto().format()).append("\r\n");
            if (!m.host().equals(sdp.host())) {
                b.append("c=IN ").append(addrType(m.host())).append(' ').append(m.host()).append("\r\n");
            }
            b.append("a=setup:").append(m.setup().sdp()).append("\r\n");
            // RFC 4145 5: a new connection for this session
            b.append("a=connection:new\r\n");
            if (!m.acceptTypes().isEmpty()) {
                b.append("a=accept-types:").append(String.join(" ", m.acceptTypes())).append("\r\n");
            }
            m.msrpPath().ifPresent(p -> b.append("a=path:").append(p).append("\r\n"));
            m.floorCtrl().ifPresent(f -> b.append("a=floorctrl:").append(f).append("\r\n"));
            m.confId().ifPresent(c -> b.append("a=confid:").append(c).append("\r\n"));
            m.userId().ifPresent(u -> b.append("a=userid:").append(u).append("\r\n"));
            for (int floor : m.floorIds()) {
                b.append("a=floorid:").append(floor).append("\r\n");
            }
            m.keyMgmt().ifPresent(k -> b.append(keyMgmt(k)));
        }
        return b.toString();
    }

    private static String keyMgmt(byte[] mikey) {
        return "a=key-mgmt:" + MIKEY + " " + Base64.getEncoder().encodeToString(mikey) + "\r\n";
    }

    private static String addrType(String host) {
        return host.contains(":") ? "IP6" : "IP4";
    }

    public static SecureMediaSdp parse(byte[] body) {
        if (body.length > MAX_SDP_OCTETS) {
            throw new SdpException("SDP over " + MAX_SDP_OCTETS + " octets");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        checkLines(text);
        try {
            return parseChecked(text);
        } catch (SdpException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            // javax.sdp throws SdpParseException, SdpException and, on some garbage, runtime exceptions
            throw new SdpException("SDP not parseable (RFC 4566)", e);
        }
    }

    /**
     * RFC 4566 5: {@code <type>=<value>} lines, v=0 first. Checked before the library sees the text: its parser
     * prints diagnostics to the console on bad input, which hostile peers must not be able to trigger at will.
     */
    private static void checkLines(String text) {
        if (!text.startsWith("v=0\r\n") && !text.startsWith("v=0\n")) {
            throw new SdpException("SDP does not start with v=0 (RFC 4566 5)");
        }
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(0) < 'a' || line.charAt(0) > 'z' || line.charAt(1) != '='
                    || line.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0xfffd)) {
                throw new SdpException("SDP line is not <type>=<value> (RFC 4566 5)");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static SecureMediaSdp parseChecked(String text) throws Exception {
        SessionDescription sd = SdpFactory.getInstance().createSessionDescription(text);
        if (sd.getOrigin() == null || sd.getConnection() == null && mediaWithoutConnection(sd)) {
            throw new SdpException("SDP without o= or c= (RFC 4566 5.2, 5.7)");
        }
        String host = sd.getConnection() != null ? sd.getConnection().getAddress() : "";
        Optional<byte[]> sessionKey = sessionKeyMgmt(sd.getAttributes(false));
        Vector<MediaDescription> mds = sd.getMediaDescriptions(false);
        if (mds == null || mds.isEmpty()) {
            throw new SdpException("SDP without media");
        }
        if (mds.size() > MAX_MEDIA) {
            throw new SdpException("more than " + MAX_MEDIA + " media");
        }
        List<TcpMedia> media = new ArrayList<>();
        for (MediaDescription md : mds) {
            media.add(media(md, host));
        }
        return new SecureMediaSdp(sd.getOrigin().getUsername(), sd.getOrigin().getSessionId(),
                sd.getOrigin().getSessionVersion(), host, sessionKey, media);
    }

    @SuppressWarnings("unchecked")
    private static boolean mediaWithoutConnection(SessionDescription sd) throws Exception {
        Vector<MediaDescription> mds = sd.getMediaDescriptions(false);
        return mds == null || mds.stream().anyMatch(m -> m.getConnection() == null);
    }

    @SuppressWarnings("unchecked")
    private static TcpMedia media(MediaDescription md, String sessionHost) throws Exception {
        TcpMediaProto proto = TcpMediaProto.of(md.getMedia().getMediaType(), md.getMedia().getProtocol());
        String host = md.getConnection() != null ? md.getConnection().getAddress() : sessionHost;
        Vector<Attribute> attributes = md.getAttributes(false);
        List<Attribute> attrs = attributes == null ? List.of() : attributes;
        // RFC 4145 4: "active" when a=setup is absent
        Setup setup = single(attrs, "setup").map(Setup::parse).orElse(Setup.ACTIVE);
        Optional<String> path = single(attrs, "path").map(SdpCodec::msrpPath);
        List<String> acceptTypes = single(attrs, "accept-types").map(v -> List.of(v.trim().split(" +"))).orElse(List.of());
        Optional<String> floorCtrl = single(attrs, "floorctrl");
        Optional<Long> confId = single(attrs, "confid").map(v -> number(v, "confid", 0xFFFFFFFFL));
        Optional<Integer> userId = single(attrs, "userid").map(v -> (int) number(v, "userid", 0xFFFF));
        List<Integer> floorIds = new ArrayList<>();
        for (Attribute a : attrs) {
            if (a.getName().equals("floorid")) {
                // RFC 4583 5: a=floorid:<id> [mstrm:<label> ...]
                floorIds.add((int) number(a.getValue().trim().split(" ")[0], "floorid", 0xFFFF));
            }
        }
        if (proto == TcpMediaProto.MSRP && path.isEmpty()) {
            throw new SdpException("MSRP media without a=path (RFC 4975 8.1)");
        }
        return new TcpMedia(proto, host, md.getMedia().getMediaPort(), setup, path, acceptTypes, floorCtrl, confId, userId,
                floorIds, keyMgmt(attrs));
    }

    /**
     * RFC 4975 8.1, 9: a=path is MSRP URIs separated by SP, each with a port the MRFP can connect to. Checked here, at
     * the boundary: the MRFC reads the authority from it later, and a URI that does not parse there used to escape as
     * an IllegalArgumentException (found by SdpParseFuzzTarget, corpus file crash-661fd9b1...).
     */
    private static String msrpPath(String value) {
        for (String uri : value.trim().split(" ", -1)) {
            MsrpUri parsed;
            try {
                parsed = MsrpUri.parse(uri);
            } catch (IllegalArgumentException e) {
                throw new SdpException("a=path is not a list of MSRP URIs (RFC 4975 9)", e);
            }
            int colon = parsed.authority().lastIndexOf(':');
            String port = colon < 0 ? "" : parsed.authority().substring(colon + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new SdpException("a=path URI without a TCP port 1..65535 (RFC 4975 6)");
            }
        }
        return value;
    }

    private static Optional<String> single(List<Attribute> attrs, String name) throws Exception {
        Optional<String> found = Optional.empty();
        for (Attribute a : attrs) {
            if (a.getName().equals(name)) {
                if (found.isPresent()) {
                    throw new SdpException("a=" + name + " repeated");
                }
                found = Optional.of(a.getValue() == null ? "" : a.getValue());
            }
        }
        return found;
    }

    private static long number(String v, String name, long max) {
        if (!v.matches("[0-9]{1,10}") || Long.parseLong(v) > max) {
            throw new SdpException("a=" + name + " is not a number up to " + max);
        }
        return Long.parseLong(v);
    }

    @SuppressWarnings("unchecked")
    private static Optional<byte[]> sessionKeyMgmt(Vector<?> attributes) throws Exception {
        return attributes == null ? Optional.empty() : keyMgmt((List<Attribute>) (List<?>) attributes);
    }

    private static Optional<byte[]> keyMgmt(List<Attribute> attrs) throws Exception {
        Optional<String> value = single(attrs, "key-mgmt");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        // RFC 4567 3.1: key-mgmt = "a=key-mgmt:" prtcl-id SP keymgmt-data
        String[] parts = value.get().trim().split(" ");
        if (parts.length != 2 || !parts[0].equals(MIKEY)) {
            throw new SdpException("a=key-mgmt is not \"mikey <base64>\" (RFC 4567 3.1)");
        }
        if (parts[1].length() > (MAX_MIKEY_OCTETS / 3 + 1) * 4) {
            throw new SdpException("a=key-mgmt MIKEY over " + MAX_MIKEY_OCTETS + " octets");
        }
        try {
            return Optional.of(Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new SdpException("a=key-mgmt data is not base64 (RFC 4567 3.1)");
        }
    }
}
