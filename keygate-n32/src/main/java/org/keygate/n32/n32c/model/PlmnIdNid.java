package org.keygate.n32.n32c.model;

/** TS 29.571 PlmnIdNid: an SNPN identity (PLMN ID plus NID). Carried through unchanged. */
public record PlmnIdNid(String mcc, String mnc, String nid) {}
