/**
 * A SEPP's configuration: one YAML file, validated at start into a frozen {@link org.keygate.sepp.config.SeppConfig}
 * (Armeria's one config path). Starting point: {@link org.keygate.sepp.config.SeppConfigLoader}; the reference of
 * every member is {@code docs/CONFIGURATION.md}.
 */
package org.keygate.sepp.config;
