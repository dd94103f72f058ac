package org.keygate.sepp.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.keygate.sepp.TestSepps;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.testing.AllocationBound;
import org.keygate.ipx.config.IpxConfigLoader;
import org.keygate.sbi.config.ConfigException;

/**
 * Coverage-guided fuzzing of the YAML configurations (docs/SECURITY.md): the input as a SEPP's file
 * ({@link SeppConfigLoader}) and as an IPX node's ({@link IpxConfigLoader}), in a directory holding the lab PKI so
 * that the files it names can exist. Contract: a validated config, or a {@link ConfigException} whose message starts
 * with the file and names what was wrong (docs/CONFIGURATION.md); no other exception, whatever YAML or Jackson
 * meet (anchors and aliases, tags, deep nesting); allocation bounded. Corpus: the files of docs/CONFIGURATION.md and
 * docs/IPX.md.
 */
class SeppConfigFuzzTarget {
    /**
     * A file that validates loads its certificates and keys and builds JSSE contexts: 31 MB for a variant of
     * docs/CONFIGURATION.md's example, far over what a parser of peer input may take, and still bounded.
     */
    private static final long VALID_FILE_BYTES = 64L << 20;
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("keygate-fuzz-config");
            new TestSepps(DIR);
            LabPki.generateIntermediary(DIR, "ipx", "ipx.example.org", Duration.ofDays(1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    void load(byte[] yaml) {
        Path file = DIR.resolve("fuzz.yaml");
        try {
            Files.write(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AllocationBound.within(yaml.length, VALID_FILE_BYTES, () -> {
            try {
                assertThat(SeppConfigLoader.load(file)).isNotNull();
            } catch (ConfigException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
            }
            try {
                assertThat(IpxConfigLoader.load(file)).isNotNull();
            } catch (ConfigException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
            }
        });
    }
}
