package org.keygate.ims.mrfp;

import java.util.List;

/**
 * The JSON bodies of the MRFC-MRFP control API (DESIGN.md: a JSON-over-HTTP stand-in for H.248 on Mp carrying the
 * TS 23.333 5.20.2 information elements). See docs/IMS.md for the resources.
 */
public final class MrfpApi {
    private MrfpApi() {
    }

    /** POST /mrfp/v1/conferences: the BFCP conference and its floors (RFC 4583 a=confid, a=floorid). */
    public record CreateConference(long bfcpConferenceId, List<Integer> floorIds) {
    }

    public record ConferenceCreated(String conferenceId) {
    }

    /** POST /mrfp/v1/conferences/{conferenceId}/terminations: reserve a TCP media resource. */
    public record ReserveTermination(MediaKind media) {
    }

    /**
     * PUT /mrfp/v1/terminations/{terminationId}: configure the resource once SDP is agreed: TCP role (RFC 4145), TLS
     * role (RFC 6135 / RFC 4583), the PSK (the TEK, base64) with its identity, the UE's address when the MRFP is TCP
     * client, the UE's MSRP path or BFCP User ID. Members that do not apply are absent (null).
     */
    public record ConfigureTermination(ConnectionRole tcpRole, ConnectionRole tlsRole, String pskIdentity, String psk,
            String remoteHost, Integer remotePort, String remoteMsrpPath, Integer bfcpUserId) {
        /** Never prints the key. */
        @Override
        public String toString() {
            return "ConfigureTermination[tcp=" + tcpRole + ", tls=" + tlsRole + ", identity=" + pskIdentity + "]";
        }
    }
}
