/**
 * The {@code keygate} command line. Starting point: {@link org.keygate.cli.KeygateCommand}; each subcommand has
 * its own package ({@code lab}, {@code sepp}, {@code pki}).
 */
package org.keygate.cli;
