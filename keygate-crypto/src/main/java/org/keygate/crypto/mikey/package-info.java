/**
 * MIKEY key functions (RFC 3830 4.1, 4.2; RFC 6043 5.1, Appendix A.2): the PRFs, the labels of every key
 * derivation, AES-CM key-data transport encryption and the verification MACs. Pure functions on
 * {@link org.keygate.crypto.secret.SecretBytes}, no I/O, no message parsing (that is keygate-ims's codec).
 *
 * <p>Starting points: {@link org.keygate.crypto.mikey.MikeyPrf} (PRF(inkey, label, length)),
 * {@link org.keygate.crypto.mikey.MikeyLabels} (the labels of RFC 3830 4.1.3/4.1.4 and RFC 6043 5.1.x, A.2.x),
 * {@link org.keygate.crypto.mikey.MikeyMessageKeys} (encr/auth/salt keys of one message),
 * {@link org.keygate.crypto.mikey.MikeyEncrAlg} and {@link org.keygate.crypto.mikey.MikeyMacAlg}.
 */
package org.keygate.crypto.mikey;
