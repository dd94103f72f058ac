package org.keygate.n32.n32c.model;

/** TS 29.573 6.1.6.2.9 N32fContextInfo: names the N32-f context to terminate. */
public record N32fContextInfo(String n32fContextId) {}
