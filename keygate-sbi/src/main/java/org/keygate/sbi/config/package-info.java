/**
 * What every node's YAML file has (a SEPP's, an IPX node's): listeners and their connection limits, TLS key material,
 * HTTP/2 windows, durations, {@code host:port}, read and checked by {@link org.keygate.sbi.config.ConfigReader} with
 * errors that name the member ({@link org.keygate.sbi.config.ConfigException}); and what a reload of such a file came
 * to ({@link org.keygate.sbi.config.ReloadOutcome}). Each node's own members are read in its module.
 */
package org.keygate.sbi.config;
