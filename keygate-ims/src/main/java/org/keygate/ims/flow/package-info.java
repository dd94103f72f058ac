/**
 * Flow control between the MRFP's media connections: a relay stops reading from a sender while a connection it
 * writes to cannot take more, so a slow or hostile receiver slows its sender through TCP instead of filling the
 * MRFP's memory.
 */
package org.keygate.ims.flow;
