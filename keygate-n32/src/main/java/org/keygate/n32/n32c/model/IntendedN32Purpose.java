package org.keygate.n32.n32c.model;

/** TS 29.573 6.1.6.2.14 IntendedN32Purpose; {@code usagePurpose} is the extensible N32Purpose enumeration. */
public record IntendedN32Purpose(String usagePurpose, String additionalInfo, String cause) {}
