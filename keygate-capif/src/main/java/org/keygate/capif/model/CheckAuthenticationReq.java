package org.keygate.capif.model;

/** TS 29.222 8.6.4.2.2 CheckAuthenticationReq (CCF to AEF). */
public record CheckAuthenticationReq(String apiInvokerId, String supportedFeatures) {}
