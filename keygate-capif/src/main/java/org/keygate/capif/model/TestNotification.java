package org.keygate.capif.model;

/**
 * TS 29.122 TestNotification (TS 29.222 7.2.1: the SCEF is the CCF): sent to a notification destination when the
 * subscriber asks ({@code requestTestNotification}); {@code subscription} is the resource the destination belongs to.
 */
public record TestNotification(String subscription) {}
