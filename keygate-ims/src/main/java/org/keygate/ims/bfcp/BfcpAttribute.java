package org.keygate.ims.bfcp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** One BFCP attribute (RFC 4582 5.2), by format. */
public sealed interface BfcpAttribute {
    /** The wire type (7 bits). */
    int typeCode();

    /** Unsigned16 and OctetString16 attributes: 16 bits after the type and length (RFC 4582 5.2.1 to 5.2.5). */
    record Fixed(BfcpAttributeType type, int value) implements BfcpAttribute {
        public Fixed {
            Objects.requireNonNull(type, "type");
            if (type.format() != BfcpAttributeType.Format.UNSIGNED16 && type.format() != BfcpAttributeType.Format.OCTET_STRING16) {
                throw new IllegalArgumentException(type + " is not a 16-bit attribute");
            }
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException(type + ": " + value + " (expected: 0..65535)");
            }
        }

        @Override
        public int typeCode() {
            return type.code();
        }
    }

    /** OctetString attributes (RFC 4582 5.2.6 to 5.2.13); at most 253 octets, the 8-bit length allows no more. */
    record Octets(BfcpAttributeType type, byte[] value) implements BfcpAttribute {
        public static final int MAX_OCTETS = 255 - 2;

        public Octets {
            Objects.requireNonNull(type, "type");
            if (type.format() != BfcpAttributeType.Format.OCTET_STRING) {
                throw new IllegalArgumentException(type + " is not an OctetString attribute");
            }
            if (value.length > MAX_OCTETS) {
                throw new IllegalArgumentException(type + ": " + value.length + " octets (expected: <= " + MAX_OCTETS + ")");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public int typeCode() {
            return type.code();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Octets other && type == other.type && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Octets[" + type + ", " + value.length + " octets]";
        }
    }

    /** Grouped attributes (RFC 4582 5.2.14 to 5.2.18): a 16-bit ID in the header, then member attributes. */
    record Grouped(BfcpAttributeType type, int id, List<BfcpAttribute> members) implements BfcpAttribute {
        public Grouped {
            Objects.requireNonNull(type, "type");
            if (type.format() != BfcpAttributeType.Format.GROUPED) {
                throw new IllegalArgumentException(type + " is not a grouped attribute");
            }
            if (id < 0 || id > 0xFFFF) {
                throw new IllegalArgumentException(type + " id: " + id + " (expected: 0..65535)");
            }
            members = List.copyOf(members);
        }

        @Override
        public int typeCode() {
            return type.code();
        }

        public List<BfcpAttribute> all(BfcpAttributeType memberType) {
            return members.stream().filter(a -> a.typeCode() == memberType.code()).toList();
        }
    }

    /** An attribute this codec does not know (an extension); kept so that the M bit can be honoured. */
    record Unknown(int typeCode, boolean mandatory, byte[] contents) implements BfcpAttribute {
        public Unknown {
            if (typeCode < 0 || typeCode > 127) {
                throw new IllegalArgumentException("attribute type: " + typeCode + " (expected: 7 bits)");
            }
            contents = contents.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown other && typeCode == other.typeCode && mandatory == other.mandatory
                    && Arrays.equals(contents, other.contents);
        }

        @Override
        public int hashCode() {
            return typeCode * 31 + Arrays.hashCode(contents);
        }

        @Override
        public String toString() {
            return "Unknown[type=" + typeCode + ", M=" + mandatory + ", " + HexFormat.of().formatHex(contents) + "]";
        }
    }
}
