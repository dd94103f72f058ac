package org.keygate.sepp.n32f.reformat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** An SBI response in the clear; {@code body} is the JSON body (null when none). */
public record ClearResponse(int status, List<Map.Entry<String, String>> headers, JsonNode body) {
    public ClearResponse {
        headers = List.copyOf(headers);
    }

    @Override
    public String toString() {
        return "ClearResponse[" + status + "]";
    }
}
