/**
 * One SEPP as several instances on etcd (issue 16, docs/CLUSTER.md): membership with leases, the directory of N32-f
 * contexts (owner, partner, mechanism, expiry; never keys), relaying of n32f-process messages to the instance that
 * owns their context, and each partner's rate limit split over the instances by demand.
 *
 * <p>Starting point: {@link org.keygate.sepp.cluster.SeppCluster}, started by {@code node.SeppNode} when the
 * configuration has a {@code cluster} member; its settings are {@link org.keygate.sepp.cluster.ClusterSettings}.
 * Keys never leave the instance that derived them (TS 33.501 13.2.4.4.1: the nonce is IV salt || SEQ per context and
 * direction, so a shared context would repeat nonces); that instance alone encrypts and decrypts on its contexts.
 */
package org.keygate.sepp.cluster;
