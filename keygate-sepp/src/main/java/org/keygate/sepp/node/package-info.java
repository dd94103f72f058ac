/**
 * A running SEPP assembled from its configuration. Starting point: {@link org.keygate.sepp.node.SeppNode}.
 */
package org.keygate.sepp.node;
