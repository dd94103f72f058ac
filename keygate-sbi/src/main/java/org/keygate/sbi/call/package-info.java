/**
 * What a request carries from hop to hop besides its message: cancellation when the caller goes away (its stream
 * reset) and the deadline after which the caller no longer waits ({@code 3gpp-Sbi-Max-Rsp-Time}, TS 29.500 5.2.3.2 and 6.11).
 */
package org.keygate.sbi.call;
