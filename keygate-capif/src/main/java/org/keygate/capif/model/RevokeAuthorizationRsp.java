package org.keygate.capif.model;

/** TS 29.222 8.6.4.2.5 RevokeAuthorizationRsp. */
public record RevokeAuthorizationRsp(String supportedFeatures) {}
