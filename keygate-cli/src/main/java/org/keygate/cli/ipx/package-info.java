/** {@code keygate ipx}: runs one Roaming Intermediary (IPX) node from its configuration file (docs/IPX.md). */
package org.keygate.cli.ipx;
