/**
 * Local policy decisions of the N32-c handshake, free of I/O: mechanism selection (TS 33.501 13.5), cipher
 * suite selection (13.2.2.2) and protection policy comparison (13.2.3.6).
 */
package org.keygate.n32.policy;
