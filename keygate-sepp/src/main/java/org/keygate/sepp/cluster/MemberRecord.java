package org.keygate.sepp.cluster;

/** One live instance in etcd ({@code members/<instance>}): where the others relay to it ({@code host:port}). */
record MemberRecord(String internal) {}
