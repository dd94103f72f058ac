/**
 * The TS 29.222 data types keygate's CAPIF sends and receives, as records named after the Rel-18 OpenAPI schemas
 * ({@code TS29222_*.yaml}). JSON goes through {@link org.keygate.sbi.json.SbiJson}: absent members are not written,
 * unknown members are ignored, and extensible enumerations ({@link org.keygate.capif.model.SecurityMethod},
 * {@link org.keygate.capif.model.ApiProviderFuncRole}) keep values they do not know.
 */
package org.keygate.capif.model;
