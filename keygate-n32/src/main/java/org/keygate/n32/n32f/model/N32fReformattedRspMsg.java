package org.keygate.n32.n32f.model;

import java.util.List;
import org.keygate.n32.n32f.jwe.FlatJweJson;

/** TS 29.573 N32fReformattedRspMsg: the 200 answer of n32f-process. */
public record N32fReformattedRspMsg(FlatJweJson reformattedData, List<FlatJwsJson> modificationsBlock) {
    public N32fReformattedRspMsg {
        modificationsBlock = modificationsBlock == null || modificationsBlock.isEmpty() ? null
                : List.copyOf(modificationsBlock);
    }
}
