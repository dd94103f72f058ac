package org.keygate.ims.mikey;

/**
 * A MIKEY payload after the HDR (RFC 3830 6, RFC 6043 6). Each record holds every field of its payload except
 * "Next payload", which the codec derives from the order of payloads. Key data sub-payloads are not payloads
 * here: they only exist encrypted inside a {@link Kemac}, see {@link KeyData}.
 */
public sealed interface Payload permits Kemac, Timestamp, TimestampWithRole, Id, IdWithRole, Verification,
        SecurityPolicy, Rand, RandWithRole, ErrorPayload, TicketPolicy, Ticket, GeneralExtension {
    PayloadType type();
}
