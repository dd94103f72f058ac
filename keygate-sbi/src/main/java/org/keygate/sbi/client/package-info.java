/** The SBI HTTP/2 client. Starting point: {@link org.keygate.sbi.client.SbiClient}. */
package org.keygate.sbi.client;
