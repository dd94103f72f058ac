package org.keygate.sepp.cluster;

/**
 * One live instance in etcd ({@code members/<instance>}): where the others relay to it ({@code host:port}), and the
 * partners it serves ({@link PartnerList}; null in a record of a version before it).
 */
record MemberRecord(String internal, PartnerList partners) {}
