/**
 * {@code keygate cluster-lab} (issue 16, docs/CLUSTER.md): etcd, N home-SEPP instances of one identity as processes
 * behind HAProxy, the home UDM and AUSF, and a visited SEPP; traffic through the cluster, a kill -9, recovery, rejoin.
 * Starting point: {@link org.keygate.cli.clusterlab.ClusterLabCommand}.
 */
package org.keygate.cli.clusterlab;
