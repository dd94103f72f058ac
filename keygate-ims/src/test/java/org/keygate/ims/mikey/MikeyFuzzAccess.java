package org.keygate.ims.mikey;

import java.util.Random;

/** The codec fuzzer's mutations, for the exchange-level fuzz tests in other packages. */
public final class MikeyFuzzAccess {
    private MikeyFuzzAccess() {}

    public static byte[] mutate(byte[] seed, Random random) {
        return MikeyFuzzTest.mutate(seed, random);
    }
}
