/**
 * etcd and HAProxy as processes on loopback, for {@code ./keygate cluster-lab}, the cluster chain of
 * {@code ./keygate bench-load} and the cluster tests (docs/CLUSTER.md). Nothing here runs in a deployed SEPP.
 */
package org.keygate.sepp.cluster.lab;
