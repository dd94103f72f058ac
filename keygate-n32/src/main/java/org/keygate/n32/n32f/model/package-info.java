/**
 * TS 29.573 6.2.6 data types of the JOSE Protected Message Forwarding API, as records named after the schemas in
 * {@code TS29573_JOSEProtectedMessageForwarding.yaml}. Starting point:
 * {@link org.keygate.n32.n32f.model.DataToIntegrityProtectBlock}.
 */
package org.keygate.n32.n32f.model;
