package org.keygate.n32.n32f.model;

import java.util.List;
import org.keygate.n32.n32f.jwe.FlatJweJson;

/** TS 29.573 N32fReformattedReqMsg: the body of POST /n32f-forward/v1/n32f-process. */
public record N32fReformattedReqMsg(FlatJweJson reformattedData, List<FlatJwsJson> modificationsBlock) {
    public N32fReformattedReqMsg {
        modificationsBlock = modificationsBlock == null || modificationsBlock.isEmpty() ? null
                : List.copyOf(modificationsBlock);
    }
}
