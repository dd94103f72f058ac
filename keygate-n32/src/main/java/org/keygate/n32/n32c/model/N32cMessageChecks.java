package org.keygate.n32.n32c.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.keygate.sbi.http.InvalidParam;

/**
 * Presence and format checks of received N32-c messages against the Rel-18 schema's {@code required},
 * {@code pattern} and {@code minItems} constraints. Jackson accepts what it can map; these checks decide what the
 * peer is told: a missing mandatory IE, or one that is present but wrong (TS 29.500 5.2.7.2 causes
 * MANDATORY_IE_MISSING and MANDATORY_IE_INCORRECT), each with the JSON pointer of the IE.
 */
public final class N32cMessageChecks {
    /** TS 29.573 SecParamExchReqData.n32fContextId pattern. */
    private static final Pattern CONTEXT_ID = Pattern.compile("^[A-Fa-f0-9]{16}$");
    /** TS 29.571 Fqdn pattern and length bounds. */
    private static final Pattern FQDN =
            Pattern.compile("^([0-9A-Za-z]([-0-9A-Za-z]{0,61}[0-9A-Za-z])?\\.)+[A-Za-z]{2,63}\\.?$");

    private final List<InvalidParam> missing = new ArrayList<>();
    private final List<InvalidParam> incorrect = new ArrayList<>();

    private N32cMessageChecks() {}

    public static N32cMessageChecks of(SecNegotiateReqData m) {
        N32cMessageChecks c = new N32cMessageChecks();
        c.fqdn("/sender", m.sender(), true);
        c.nonEmptyList("/supportedSecCapabilityList", m.supportedSecCapabilityList(), true);
        c.fqdn("/senderN32fFqdn", m.senderN32fFqdn(), false);
        c.ports(m.senderN32fPort(), m.senderN32fPortList());
        c.keepalive(m.n32KeepaliveTimer());
        c.handshakeId(m.n32HandshakeId());
        return c;
    }

    /** Rel-18 and Rel-19 carry the N32-f port(s) in either member: both are checked. */
    private void ports(Integer single, List<Integer> list) {
        if (single != null && (single < 0 || single > 65535)) {
            incorrect("/senderN32fPort", "not a TCP port");
        }
        if (list != null) {
            if (list.isEmpty()) {
                incorrect("/senderN32fPortList", "empty (minItems 1)");
            }
            for (int i = 0; i < list.size(); i++) {
                Integer p = list.get(i);
                if (p == null || p < 0 || p > 65535) {
                    incorrect("/senderN32fPortList/" + i, "not a TCP port");
                }
            }
        }
    }

    /** Rel-19 n32KeepaliveTimer: DurationSec, seconds; keygate needs a positive one. */
    private void keepalive(Integer seconds) {
        if (seconds != null && seconds <= 0) {
            incorrect("/n32KeepaliveTimer", "not a positive number of seconds");
        }
    }

    /** Rel-19 n32HandshakeId: 16 hexadecimal digits. */
    private void handshakeId(String id) {
        if (id != null && !id.matches("^[A-Fa-f0-9]{16}$")) {
            incorrect("/n32HandshakeId", "not 16 hexadecimal digits");
        }
    }

    public static N32cMessageChecks of(SecNegotiateRspData m) {
        N32cMessageChecks c = new N32cMessageChecks();
        c.fqdn("/sender", m.sender(), true);
        if (m.selectedSecCapability() == null) {
            c.missing("/selectedSecCapability");
        }
        c.ports(m.senderN32fPort(), m.senderN32fPortList());
        c.keepalive(m.n32KeepaliveTimer());
        c.handshakeId(m.n32HandshakeId());
        return c;
    }

    public static N32cMessageChecks of(SecParamExchReqData m) {
        N32cMessageChecks c = new N32cMessageChecks();
        c.contextId("/n32fContextId", m.n32fContextId(), true);
        c.nonEmptyList("/jweCipherSuiteList", m.jweCipherSuiteList(), false);
        c.nonEmptyList("/jwsCipherSuiteList", m.jwsCipherSuiteList(), false);
        c.policy("/protectionPolicyInfo", m.protectionPolicyInfo());
        c.ipxList("/ipxProviderSecInfoList", m.ipxProviderSecInfoList());
        c.fqdn("/sender", m.sender(), false);
        return c;
    }

    public static N32cMessageChecks of(SecParamExchRspData m) {
        N32cMessageChecks c = new N32cMessageChecks();
        c.contextId("/n32fContextId", m.n32fContextId(), true);
        c.policy("/selProtectionPolicyInfo", m.selProtectionPolicyInfo());
        c.ipxList("/ipxProviderSecInfoList", m.ipxProviderSecInfoList());
        c.fqdn("/sender", m.sender(), false);
        return c;
    }

    /**
     * A protection policy as it would be sent in exchange-params (pointers relative to the policy): what a partner
     * checks on receipt, so a configured policy is checked the same way before it is ever sent.
     */
    public static N32cMessageChecks of(ProtectionPolicy policy) {
        N32cMessageChecks c = new N32cMessageChecks();
        c.policy("", policy);
        return c;
    }

    public static N32cMessageChecks of(N32fContextInfo m) {
        N32cMessageChecks c = new N32cMessageChecks();
        c.contextId("/n32fContextId", m.n32fContextId(), true);
        return c;
    }

    public static N32cMessageChecks of(N32fErrorInfo m) {
        N32cMessageChecks c = new N32cMessageChecks();
        if (m.n32fMessageId() == null) {
            c.missing("/n32fMessageId");
        }
        if (m.n32fErrorType() == null) {
            c.missing("/n32fErrorType");
        }
        c.contextId("/n32fContextId", m.n32fContextId(), false);
        return c;
    }

    public List<InvalidParam> missing() {
        return List.copyOf(missing);
    }

    public List<InvalidParam> incorrect() {
        return List.copyOf(incorrect);
    }

    public boolean passed() {
        return missing.isEmpty() && incorrect.isEmpty();
    }

    private void missing(String pointer) {
        missing.add(new InvalidParam(pointer, "mandatory IE missing"));
    }

    private void incorrect(String pointer, String reason) {
        incorrect.add(new InvalidParam(pointer, reason));
    }

    private void contextId(String pointer, String value, boolean required) {
        if (value == null) {
            if (required) {
                missing(pointer);
            }
        } else if (!CONTEXT_ID.matcher(value).matches()) {
            incorrect(pointer, "does not match ^[A-Fa-f0-9]{16}$");
        }
    }

    private void fqdn(String pointer, String value, boolean required) {
        if (value == null) {
            if (required) {
                missing(pointer);
            }
        } else if (value.length() < 4 || value.length() > 253 || !FQDN.matcher(value).matches()) {
            incorrect(pointer, "not an FQDN (TS 29.571 Fqdn)");
        }
    }

    private void nonEmptyList(String pointer, List<?> list, boolean required) {
        if (list == null) {
            if (required) {
                missing(pointer);
            }
        } else if (list.isEmpty()) {
            incorrect(pointer, "empty (minItems 1)");
        } else if (list.contains(null)) {
            incorrect(pointer, "contains null");
        }
    }

    private void policy(String pointer, ProtectionPolicy policy) {
        if (policy == null) {
            return;
        }
        if (policy.apiIeMappingList() == null) {
            missing(pointer + "/apiIeMappingList");
            return;
        }
        nonEmptyList(pointer + "/apiIeMappingList", policy.apiIeMappingList(), true);
        nonEmptyList(pointer + "/dataTypeEncPolicy", policy.dataTypeEncPolicy(), false);
        for (int i = 0; i < policy.apiIeMappingList().size(); i++) {
            ApiIeMapping m = policy.apiIeMappingList().get(i);
            String p = pointer + "/apiIeMappingList/" + i;
            if (m == null) {
                continue;
            }
            if (m.apiSignature() == null || m.apiSignature().isNull()) {
                missing(p + "/apiSignature");
            }
            if (m.apiMethod() == null) {
                missing(p + "/apiMethod");
            }
            nonEmptyList(p + "/IeList", m.ieList(), true);
            if (m.ieList() != null) {
                for (int j = 0; j < m.ieList().size(); j++) {
                    IeInfo ie = m.ieList().get(j);
                    if (ie != null && ie.ieLoc() == null) {
                        missing(p + "/IeList/" + j + "/ieLoc");
                    }
                    if (ie != null && ie.ieType() == null) {
                        missing(p + "/IeList/" + j + "/ieType");
                    }
                }
            }
        }
    }

    private void ipxList(String pointer, List<IpxProviderSecInfo> list) {
        nonEmptyList(pointer, list, false);
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            IpxProviderSecInfo info = list.get(i);
            if (info != null) {
                fqdn(pointer + "/" + i + "/ipxProviderId", info.ipxProviderId(), true);
                nonEmptyList(pointer + "/" + i + "/rawPublicKeyList", info.rawPublicKeyList(), false);
                nonEmptyList(pointer + "/" + i + "/certificateList", info.certificateList(), false);
            }
        }
    }
}
