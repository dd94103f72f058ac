package org.keygate.ims.mikey;

/** Key validity data of a key data sub-payload (RFC 3830 6.13 KV, 6.14). RFC 6043 6.2.1: an SPI for every key. */
public sealed interface KeyValidity {
    int wireValue();

    /** KV Null: no usage rule. */
    record Null() implements KeyValidity {
        @Override
        public int wireValue() {
            return 0;
        }
    }

    /** KV SPI: the key is associated with this SPI/MKI. */
    record Spi(Octets spi) implements KeyValidity {
        public Spi {
            Fields.len8("SPI", spi);
        }

        @Override
        public int wireValue() {
            return 1;
        }
    }

    /** KV Interval: start and expiry in the security protocol's terms. */
    record Interval(Octets validFrom, Octets validTo) implements KeyValidity {
        public Interval {
            Fields.len8("Valid From", validFrom);
            Fields.len8("Valid To", validTo);
        }

        @Override
        public int wireValue() {
            return 2;
        }
    }
}
