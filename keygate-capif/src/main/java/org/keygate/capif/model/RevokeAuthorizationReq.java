package org.keygate.capif.model;

/** TS 29.222 8.6.4.2.4 RevokeAuthorizationReq (CCF to AEF). */
public record RevokeAuthorizationReq(SecurityNotification revokeInfo, String supportedFeatures) {}
