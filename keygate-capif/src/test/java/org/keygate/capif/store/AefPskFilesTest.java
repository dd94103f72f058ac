package org.keygate.capif.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The CCF's AEFPSK files: owner-only, atomic, read back as written; anything corrupt or foreign refused at load with
 * the file's name and without its content.
 */
class AefPskFilesTest {
    private static final String INV = "INV00112233445566778899aabbccddeeff";
    private static final AefInterfaceId A = new AefInterfaceId("127.0.0.1", 9443, "/nef-demo");
    private static final AefInterfaceId B = new AefInterfaceId("aef.example.org", 443, "");
    /** Two 32-octet keys written out by hand. */
    private static final String KEY_A_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String KEY_B_HEX = "a55ac33c9669f00fa55ac33c9669f00fa55ac33c9669f00fa55ac33c9669f00f";
    /** Base64 of KEY_A_HEX (RFC 4648 4), computed apart from the code under test. */
    private static final String KEY_A_B64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path state;

    private static SecretBytes key(String hex) {
        return SecretBytes.copyOf(HexFormat.of().parseHex(hex));
    }

    private AefPskFiles written() {
        AefPskFiles files = AefPskFiles.open(state.resolve("aefpsk"));
        files.write(new StoredAefPsks(INV, Map.of(A, key(KEY_A_HEX), B, key(KEY_B_HEX))));
        return files;
    }

    @Test
    void keysAreReadBackAsWrittenFromOwnerOnlyFiles() throws Exception {
        AefPskFiles files = written();
        Path dir = state.resolve("aefpsk");
        Path file = dir.resolve(INV + ".json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("\"format\":\"keygate-ccf-aefpsk/1\"").contains(KEY_A_B64);
        try (var l = Files.list(dir)) {
            assertThat(l).as("no temporary file left").containsExactly(file);
        }

        Map<String, StoredAefPsks> loaded = AefPskFiles.open(dir).load();
        assertThat(loaded).containsOnlyKeys(INV);
        StoredAefPsks k = loaded.get(INV);
        assertThat(k.keys()).containsOnlyKeys(A, B);
        assertThat(k.keys().get(A).equalsSecret(key(KEY_A_HEX))).isTrue();
        assertThat(k.keys().get(B).equalsSecret(key(KEY_B_HEX))).isTrue();
        assertThat(k.toString()).contains(INV).doesNotContain(KEY_A_B64).doesNotContain(KEY_A_HEX.substring(0, 16));

        files.write(new StoredAefPsks(INV, Map.of(A, key(KEY_B_HEX))));
        assertThat(files.load().get(INV).keys().get(A).equalsSecret(key(KEY_B_HEX))).as("replaced").isTrue();
        files.delete(INV);
        assertThat(files.load()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void aTemporaryFileLeftByACrashIsRemovedAndTheCommittedOneKept() throws Exception {
        written();
        Path temp = state.resolve("aefpsk").resolve("." + INV + ".json.tmp");
        Files.writeString(temp, "{\"format\":\"keygate-ccf-aefpsk/1\",\"apiInv");
        Map<String, StoredAefPsks> loaded = AefPskFiles.open(state.resolve("aefpsk")).load();
        assertThat(loaded.get(INV).keys().get(A).equalsSecret(key(KEY_A_HEX))).isTrue();
        assertThat(temp).doesNotExist();
    }

    @Test
    void aTruncatedFileIsRefusedNamingItWithoutQuotingIt() throws Exception {
        written();
        Path file = state.resolve("aefpsk").resolve(INV + ".json");
        String json = Files.readString(file);
        Files.writeString(file, json.substring(0, json.indexOf(KEY_A_B64) + 10));
        refused(file, "malformed JSON");
    }

    @Test
    void aFileOfAnotherFormatIsRefused() throws Exception {
        AefPskFiles.open(state.resolve("aefpsk"));
        Path file = state.resolve("aefpsk").resolve(INV + ".json");
        Files.writeString(file, "{\"apiInvokerId\":\"" + INV + "\",\"keys\":[{\"host\":\"127.0.0.1\",\"port\":9443,"
                + "\"aefPsk\":\"" + KEY_A_B64 + "\"}]}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        refused(file, "no \"format\"");
    }

    @Test
    void aFileUnderAnotherInvokersNameIsRefused() throws Exception {
        written();
        Path dir = state.resolve("aefpsk");
        Path other = dir.resolve("INVffeeddccbbaa99887766554433221100.json");
        Files.move(dir.resolve(INV + ".json"), other);
        refused(other, "apiInvokerId differs from the file's name");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() throws Exception {
        written();
        Path file = state.resolve("aefpsk").resolve(INV + ".json");
        Files.writeString(file, Files.readString(file).replace(KEY_A_B64, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg=="));
        refused(file, "is 31 octets (expected: 32)");
    }

    @Test
    void aFileOthersMayReadIsRefused() throws Exception {
        written();
        Path file = state.resolve("aefpsk").resolve(INV + ".json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        refused(file, "lets others in");
    }

    @Test
    void aForeignFileIsRefused() throws Exception {
        written();
        Path notes = state.resolve("aefpsk").resolve("notes.txt");
        Files.writeString(notes, "hello");
        refused(notes, "not a file of the CCF");
    }

    @Test
    void aDirectoryOthersMayEnterIsRefused() throws Exception {
        Path dir = Files.createDirectories(state.resolve("aefpsk"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> AefPskFiles.open(dir)).isInstanceOf(CapifStateException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("lets others in");
    }

    private void refused(Path file, String why) {
        assertThatThrownBy(() -> AefPskFiles.open(state.resolve("aefpsk")).load())
                .isInstanceOf(CapifStateException.class)
                .hasMessageContaining("AEFPSK file " + file)
                .hasMessageContaining(why)
                .hasMessageNotContaining(KEY_A_B64.substring(0, 12))
                .hasMessageNotContaining(new String(Base64.getDecoder().decode(KEY_A_B64), StandardCharsets.ISO_8859_1))
                .hasNoCause();
    }
}
