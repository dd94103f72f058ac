/**
 * Where the CCF keeps its state: {@link org.keygate.capif.store.CapifStore}, an interface of named maps of JSON
 * records, so a cluster store (etcd, DESIGN.md) can implement it later. The default,
 * {@link org.keygate.capif.store.MvCapifStore}, is embedded: H2's MVStore in one file, committed on every write, so
 * onboarded invokers, providers, published APIs and security contexts survive a restart.
 * {@link org.keygate.capif.store.AefPskFiles} keeps the AEFPSKs derived from them in owner-only files, so that an
 * AEF's lookups are answered after a restart too (issue 20); a CAPIF-1e master secret is never stored.
 */
package org.keygate.capif.store;
