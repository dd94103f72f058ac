package org.keygate.ims.mikey.ticket;

import java.util.Objects;

/** The responder's TRANSFER_RESP octets (for SDP {@code a=key-mgmt:mikey}) and its side of the session. */
public record RespondedTransfer(byte[] transferResp, EstablishedSession session) {
    public RespondedTransfer {
        Objects.requireNonNull(transferResp, "transferResp");
        Objects.requireNonNull(session, "session");
    }

    @Override
    public byte[] transferResp() {
        return transferResp.clone();
    }

    @Override
    public String toString() {
        return "RespondedTransfer[" + transferResp.length + " octets, " + session + "]";
    }
}
