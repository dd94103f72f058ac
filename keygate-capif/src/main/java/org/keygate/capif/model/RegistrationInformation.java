package org.keygate.capif.model;

/** TS 29.222 8.9.4.2.4 RegistrationInformation: a PEM CSR in, the CCF-issued PEM certificate out. */
public record RegistrationInformation(String apiProvPubKey, String apiProvCert) {}
