/** IMS TCP-media security: MIKEY-TICKET codec, KMS, MRFC, MRFP, MSRP and BFCP over TLS-PSK. See DESIGN.md's module map. */
package org.keygate.ims;
