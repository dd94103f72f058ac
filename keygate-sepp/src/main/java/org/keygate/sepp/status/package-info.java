/**
 * The operator's view of a running SEPP: its partners, each one's N32-c agreement and current N32-f context
 * (mechanism, IDs, suites, age, expiry), message and handshake counts, and what failed last; never keys. Served as
 * JSON on the admin listener's {@code GET /status} and printed by {@code keygate status}. Starting points:
 * {@link org.keygate.sepp.status.SeppStatusView} (makes one), {@link org.keygate.sepp.status.SeppStatus} (the
 * document).
 */
package org.keygate.sepp.status;
