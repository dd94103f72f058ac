/**
 * {@code keygate capif ...}: CAPIF with CAPIF-2e TLS-PSK from the command line. Starting point:
 * {@link org.keygate.cli.capif.CapifCommand}; {@code keygate capif lab} runs the whole chain on loopback.
 */
package org.keygate.cli.capif;
