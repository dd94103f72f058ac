package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** TS 29.573 DataToIntegrityProtectAndCipherBlock: the encrypted values, addressed by encBlockIndex. */
public record DataToIntegrityProtectAndCipherBlock(List<JsonNode> dataToEncrypt) {
    public DataToIntegrityProtectAndCipherBlock {
        dataToEncrypt = dataToEncrypt == null ? null : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(dataToEncrypt));
    }
}
