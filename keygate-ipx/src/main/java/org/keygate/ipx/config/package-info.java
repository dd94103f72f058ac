/**
 * An IPX node's configuration: one YAML file, validated at start into a frozen
 * {@link org.keygate.ipx.node.IpxNodeConfig}. Starting point: {@link org.keygate.ipx.config.IpxConfigLoader}; the
 * reference of every member is {@code docs/IPX.md}.
 */
package org.keygate.ipx.config;
