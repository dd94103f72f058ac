package org.keygate.ims.mrfp;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Set;
import org.keygate.ims.bfcp.FloorControlServer;
import org.keygate.ims.msrp.ChatRelay;
import org.keygate.ims.msrp.ChatRelayLimits;
import org.keygate.ims.msrp.MsrpIdents;

/** One conference at the MRFP: its MSRP chat relay and its BFCP floor control server. */
public final class MrfpConference {
    private final String id;
    private final ChatRelay<Channel> chat;
    private final FloorControlServer<Channel> floors;

    MrfpConference(String id, long bfcpConferenceId, Set<Integer> floorIds) {
        this.id = id;
        this.chat = new ChatRelay<>(List.of(), ChatRelayLimits.DEFAULT, new MsrpIdents());
        this.floors = new FloorControlServer<>(bfcpConferenceId, floorIds, Set.of());
    }

    public String id() {
        return id;
    }

    public ChatRelay<Channel> chat() {
        return chat;
    }

    public FloorControlServer<Channel> floors() {
        return floors;
    }
}
