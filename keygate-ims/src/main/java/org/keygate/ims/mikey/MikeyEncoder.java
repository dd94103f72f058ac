package org.keygate.ims.mikey;

import java.util.List;

/** The encoding half of {@link MikeyCodec}; records the MAC and Initiator Data spans in the writer. */
final class MikeyEncoder {
    private MikeyEncoder() {}

    static MikeyWriter write(MikeyMessage m) {
        MikeyWriter w = new MikeyWriter();
        Header h = m.header();
        w.u8(Header.VERSION).u8(h.dataType().wireValue()).u8(firstType(m.payloads()))
                .u8((h.v() ? 0x80 : 0) | h.prf().wireValue()).u32(h.csbId())
                .u8(h.csIdMap().csCount()).u8(h.csIdMap().mapType());
        switch (h.csIdMap()) {
            case CsIdMap.SrtpIdMap s -> s.entries().forEach(e -> w.u8(e.policyNo()).u32(e.ssrc()).u32(e.roc()));
            case CsIdMap.EmptyMap e -> { }
            case CsIdMap.GenericIdMap g -> g.sessions().forEach(cs -> {
                w.u8(cs.csId()).u8(cs.protType().value()).u8((cs.s() ? 0x80 : 0) | cs.policyNos().size());
                cs.policyNos().forEach(w::u8);
                w.u16(cs.sessionData().length()).octets(cs.sessionData()).u8(cs.spi().length()).octets(cs.spi());
            });
        }
        writeChain(w, m.payloads(), true);
        return w;
    }

    static int firstType(List<Payload> payloads) {
        return payloads.isEmpty() ? PayloadType.LAST.wireValue() : payloads.getFirst().type().wireValue();
    }

    static void writeChain(MikeyWriter w, List<Payload> payloads, boolean topLevel) {
        for (int i = 0; i < payloads.size(); i++) {
            int next = i + 1 < payloads.size() ? payloads.get(i + 1).type().wireValue() : 0;
            writePayload(w, payloads.get(i), next, topLevel);
        }
    }

    private static void writePayload(MikeyWriter w, Payload p, int next, boolean topLevel) {
        w.u8(next);
        switch (p) {
            case Kemac k -> w.u8(k.encrAlg().wireValue()).u16(k.encrData().length()).octets(k.encrData())
                    .u8(k.macAlg().wireValue()).octets(k.mac());
            case Timestamp t -> writeTs(w.u8(t.tsType().wireValue()), t.tsType(), t.value());
            case TimestampWithRole t -> writeTs(w.u8(t.role().wireValue()).u8(t.tsType().wireValue()), t.tsType(),
                    t.value());
            case Id id -> w.u8(id.idType().wireValue()).u16(id.data().length()).octets(id.data());
            case IdWithRole id -> w.u8(id.role().wireValue()).u8(id.idType().wireValue()).u16(id.data().length())
                    .octets(id.data());
            case Verification v -> {
                w.u8(v.authAlg().wireValue());
                if (topLevel) {
                    w.lastMacStart = w.position();
                }
                w.octets(v.mac());
            }
            case SecurityPolicy sp -> {
                int len = sp.params().stream().mapToInt(x -> 2 + x.value().length()).sum();
                w.u8(sp.policyNo()).u8(sp.protType().value()).u16(len);
                sp.params().forEach(x -> w.u8(x.paramType()).u8(x.value().length()).octets(x.value()));
            }
            case Rand rand -> w.u8(rand.rand().length()).octets(rand.rand());
            case RandWithRole rand -> w.u8(rand.role().wireValue()).u8(rand.rand().length()).octets(rand.rand());
            case ErrorPayload e -> w.u8(e.errorNo()).u16(e.reserved());
            case GeneralExtension g -> w.u8(g.extType()).u16(g.data().length()).octets(g.data());
            case TicketPolicy tp -> writePolicy(w, tp);
            case Ticket t -> {
                writePolicy(w, t.policy());
                w.u16(t.ticketData().length()).octets(t.ticketData());
                if (topLevel) {
                    w.initiatorDataStart = w.position();
                }
                w.u16(t.initiatorData().length()).octets(t.initiatorData());
                if (topLevel) {
                    w.initiatorDataEnd = w.position();
                }
            }
        }
    }

    private static void writeTs(MikeyWriter w, TsType type, long value) {
        if (type.valueOctets() == 8) {
            w.u64(value);
        } else {
            w.u32(value);
        }
    }

    static void writePolicy(MikeyWriter w, TicketPolicy tp) {
        int bits = tp.flags().bits();
        w.u16(tp.ticketType()).u8(tp.subtype()).u8(tp.version())
                .u8((tp.prf().wireValue() << 1) | (bits >>> 11)).u8((bits >>> 3) & 0xFF).u8((bits & 0x7) << 5);
        if (tp.tpData().isEmpty()) {
            w.u16(0);
            return;
        }
        MikeyWriter inner = new MikeyWriter();
        inner.u8(firstType(tp.tpData()));
        writeChain(inner, tp.tpData(), false);
        byte[] data = inner.toByteArray();
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("TP Data: " + data.length + " octets (expected: at most 65535)");
        }
        w.u16(data.length).bytes(data);
    }
}
