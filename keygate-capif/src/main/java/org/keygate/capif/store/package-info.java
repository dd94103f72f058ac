/**
 * Where the CCF keeps its state: {@link org.keygate.capif.store.CapifStore}, an interface of named maps of JSON
 * records, so a cluster store (etcd, DESIGN.md) can implement it later. The default,
 * {@link org.keygate.capif.store.MvCapifStore}, is embedded: H2's MVStore in one file, committed on every write, so
 * onboarded invokers, providers, published APIs and security contexts survive a restart. TLS secrets are never
 * stored (DESIGN.md: nothing outlives its use).
 */
package org.keygate.capif.store;
