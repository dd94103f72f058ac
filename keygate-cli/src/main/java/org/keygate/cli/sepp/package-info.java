/** {@code keygate sepp}: runs one SEPP from its configuration file. */
package org.keygate.cli.sepp;
