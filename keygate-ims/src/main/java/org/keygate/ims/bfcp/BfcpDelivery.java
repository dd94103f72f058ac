package org.keygate.ims.bfcp;

/** A message the floor server wants written on a connection. */
public record BfcpDelivery<C>(C connection, BfcpMessage message) {
}
