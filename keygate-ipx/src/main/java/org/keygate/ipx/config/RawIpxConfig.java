package org.keygate.ipx.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.keygate.sbi.config.RawHttp2;
import org.keygate.sbi.config.RawListener;
import org.keygate.sbi.config.RawRevocation;
import org.keygate.sbi.config.RawTls;

/**
 * An IPX node's YAML file exactly as written, before validation; unknown members are refused when read. The reference
 * for each member is {@code docs/IPX.md}.
 */
record RawIpxConfig(
        String name,
        String providerId,
        RawListener n32f,
        RawListener admin,
        RawTls tls,
        String nextHopTimeout,
        Integer maxAnswerBodyBytes,
        List<Sepp> sepps,
        Modifications modifications,
        RawHttp2 http2) {

    record Sepp(String name, List<String> plmnIds, String trustAnchor, NextHop n32f, Boolean ri,
            RawRevocation revocation) {}

    record NextHop(String authority, String address, Via via) {}

    record Via(String fqdn, String trustAnchor, RawRevocation revocation) {}

    record Modifications(String signingKey, List<String> policy, List<Rule> rules) {}

    record Rule(String method, String path, List<JsonNode> operations, String message) {}
}
