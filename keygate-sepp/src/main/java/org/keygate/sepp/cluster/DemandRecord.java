package org.keygate.sepp.cluster;

/** One instance's demand for a partner's rate ({@code budgets/<partner>/<instance>}): messages in its last period. */
record DemandRecord(long demand) {}
