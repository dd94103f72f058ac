/**
 * multipart/related bodies of the SBI (RFC 2387, TS 29.500 6.1.2.4). Starting point:
 * {@link org.keygate.sbi.multipart.MultipartRelated}.
 */
package org.keygate.sbi.multipart;
