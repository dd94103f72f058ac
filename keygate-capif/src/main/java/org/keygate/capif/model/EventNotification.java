package org.keygate.capif.model;

/** TS 29.222 8.3.4.2.3 EventNotification: one event of a subscription, with its detail (Enhanced_event_report). */
public record EventNotification(String subscriptionId, String events, CAPIFEventDetail eventDetail) {}
