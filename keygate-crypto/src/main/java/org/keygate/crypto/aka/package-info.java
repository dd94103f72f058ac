/**
 * 3GPP AKA credentials in the home network: the MILENAGE functions f1..f5* (TS 35.206) and the 5G AKA key
 * derivations of TS 33.501 Annex A over the generic KDF of TS 33.220 Annex B.2.
 *
 * <p>Starting points: {@link org.keygate.crypto.aka.Milenage} (one subscriber's K and OPc),
 * {@link org.keygate.crypto.aka.FiveGAka} (XRES*, HXRES*, KAUSF, KSEAF), on the TS 33.220 KDF of {@link org.keygate.crypto.gba.Ts33220Kdf}.
 * Keys are {@link org.keygate.crypto.secret.SecretBytes}; RAND, SQN, AMF, MAC, RES and AK are not secret keys and are
 * plain arrays.
 */
package org.keygate.crypto.aka;
