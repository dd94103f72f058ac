package org.keygate.capif.model;

/** TS 29.222 8.6.4.2.3 CheckAuthenticationRsp. */
public record CheckAuthenticationRsp(String supportedFeatures) {}
