/** {@code keygate status}: a running SEPP's partners and contexts, read from its admin listener. */
package org.keygate.cli.status;
