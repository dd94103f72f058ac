package org.keygate.sbi.http;

/** TS 29.571 5.2.4.2 InvalidParam: the JSON pointer of a wrong IE and why. */
public record InvalidParam(String param, String reason) {}
