/**
 * The API provider domain's side (TS 29.222 8.9 and 8.2): the API management function registers the domain's
 * AEF, APF and AMF with CSRs, and the APF publishes service APIs. Starting point:
 * {@link org.keygate.capif.provider.ProviderDomain#register}.
 */
package org.keygate.capif.provider;
