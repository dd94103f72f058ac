package org.keygate.n32.n32c.model;

import java.util.Map;

/**
 * TS 29.573 6.1.6.2.6 IeInfo: protection (ieType) and modification policy for one IE. {@code ieLoc} and
 * {@code ieType} are mandatory; both are extensible enumerations kept as strings.
 */
public record IeInfo(
        String ieLoc,
        String ieType,
        String reqIe,
        String rspIe,
        Boolean isModifiable,
        Map<String, Boolean> isModifiableByIpx) {

    public IeInfo {
        isModifiableByIpx = isModifiableByIpx == null ? null : Map.copyOf(isModifiableByIpx);
    }
}
