package org.keygate.ims.sdp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One TLS-protected TCP media description: its address, RFC 4145 {@code a=setup} (and {@code a=connection:new}), the
 * MSRP {@code a=path} and {@code a=accept-types} (RFC 4975 8.1), or the BFCP {@code a=floorctrl}, {@code a=confid},
 * {@code a=userid}, {@code a=floorid} (RFC 4583), and an optional media-level {@code a=key-mgmt:mikey} (RFC 4567 3.1).
 */
public record TcpMedia(TcpMediaProto proto, String host, int port, Setup setup, Optional<String> msrpPath,
        List<String> acceptTypes, Optional<String> floorCtrl, Optional<Long> confId, Optional<Integer> userId,
        List<Integer> floorIds, Optional<byte[]> keyMgmt) {
    public TcpMedia {
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(setup, "setup");
        if (port < 0 || port > 65535) {
            throw new SdpException("port out of range");
        }
        acceptTypes = List.copyOf(acceptTypes);
        floorIds = List.copyOf(floorIds);
        keyMgmt = keyMgmt.map(byte[]::clone);
    }

    public static TcpMedia msrp(String host, int port, Setup setup, String path, List<String> acceptTypes) {
        return new TcpMedia(TcpMediaProto.MSRP, host, port, setup, Optional.of(path), acceptTypes, Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    public static TcpMedia bfcp(String host, int port, Setup setup, String floorCtrl, long confId, int userId,
            List<Integer> floorIds) {
        return new TcpMedia(TcpMediaProto.BFCP, host, port, setup, Optional.empty(), List.of(), Optional.of(floorCtrl),
                Optional.of(confId), Optional.of(userId), floorIds, Optional.empty());
    }

    @Override
    public Optional<byte[]> keyMgmt() {
        return keyMgmt.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpMedia m && proto == m.proto && host.equals(m.host) && port == m.port && setup == m.setup
                && msrpPath.equals(m.msrpPath) && acceptTypes.equals(m.acceptTypes) && floorCtrl.equals(m.floorCtrl)
                && confId.equals(m.confId) && userId.equals(m.userId) && floorIds.equals(m.floorIds)
                && keyMgmt.isPresent() == m.keyMgmt.isPresent()
                && (keyMgmt.isEmpty() || Arrays.equals(keyMgmt.get(), m.keyMgmt.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(proto, host, port, setup, msrpPath, floorIds);
    }

    @Override
    public String toString() {
        return "TcpMedia[" + proto + " " + host + ":" + port + " setup=" + setup.sdp() + msrpPath.map(p -> " path=" + p).orElse("")
                + confId.map(c -> " confid=" + c).orElse("") + userId.map(u -> " userid=" + u).orElse("")
                + (keyMgmt.isPresent() ? " key-mgmt" : "") + "]";
    }
}
