/**
 * MIKEY (RFC 3830) and MIKEY-TICKET (RFC 6043) messages and payloads, their strict codec, MAC coverage and key
 * data transport. No I/O.
 *
 * <p>Starting points: {@link org.keygate.ims.mikey.MikeyCodec} (octets to {@link org.keygate.ims.mikey.MikeyMessage}
 * and back; every refusal a {@link org.keygate.ims.mikey.MikeyException} carrying the ERR number),
 * {@link org.keygate.ims.mikey.Payload} (the sealed set of payload records), {@link org.keygate.ims.mikey.MikeyProtection}
 * (V payload MACs, RFC 6043 Table 5.2), {@link org.keygate.ims.mikey.KeyDataCodec} (KEMAC key data). The ticket
 * exchanges built on them are in {@code org.keygate.ims.mikey.ticket}.
 */
package org.keygate.ims.mikey;
