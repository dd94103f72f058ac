package org.keygate.sepp.routing;

import com.fasterxml.jackson.annotation.JsonInclude;

/** TS 29.573 6.3.5.2.2 TelescopicMapping: the answer of {@code GET /nsepp-telescopic/v1/mapping}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TelescopicMapping(String telescopicLabel, String seppDomain, String foreignFqdn) {}
