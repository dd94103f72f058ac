package org.keygate.ims.msrp;

/** A message the relay wants written on a connection. */
public record MsrpDelivery<C>(C connection, MsrpMessage message) {
}
