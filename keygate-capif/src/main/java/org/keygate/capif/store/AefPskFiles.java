package org.keygate.capif.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CCF's AEFPSKs on disk, so that an AEF's lookup for a security context made before a CCF restart is answered
 * after it (issue 20: the AEF with the CCF stopped and started again serves the same invokers within 5 s, without
 * their onboarding or requesting security again). One file per invoker, {@code <apiInvokerId>.json}, in a directory
 * of mode 700; each file mode 600. Only derived AEFPSKs are written: never a CAPIF-1e master secret (the CCF derives
 * every key of the selection before it writes, {@code AefPskKeys}).
 *
 * <p>Writes are atomic: a temporary file (created 600) is written and fsynced, renamed over the old one, and the
 * directory fsynced, so a crash leaves the old keys or the new ones, never a mix. MVStore (the rest of the state) is
 * not used for keys because its file is not owner-only and its pages keep old values until compaction; a deleted
 * file here is gone.
 *
 * <p>{@link #load()} refuses, naming the file, anything it did not write: a name that is no invoker ID, a file that
 * is not JSON of this format, an ID that differs from the name, a key that is not 32 octets, an interface that is no
 * AEF interface, a file readable or writable by group or others, a link or directory. Leftover temporary files (a
 * crash between write and rename) are deleted. Messages never quote the content.
 *
 * <p>Not thread-safe per invoker: the caller serializes writes of the same invoker.
 */
public final class AefPskFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AefPskFiles.class);
    /** The format marker: a file without it is foreign. */
    static final String FORMAT = "keygate-ccf-aefpsk/1";
    /** TS 33.122 A.1: AEFPSK is HMAC-SHA-256 output, 32 octets. */
    static final int KEY_OCTETS = 32;
    /** A file holds one invoker's keys, at most 64 interfaces (SecurityService's limit): far below this. */
    static final long MAX_FILE_BYTES = 64 * 1024;
    private static final Pattern INVOKER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    private AefPskFiles(Path dir) {
        this.dir = dir;
    }

    /** Opens {@code dir}, creating it (mode 700) if absent; refuses a directory that others may read or write. */
    public static AefPskFiles open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new CapifStateException(dir + ": not a directory (the CCF keeps AEFPSKs there)");
            }
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!othersHaveNone(p)) {
                throw new CapifStateException(dir + ": mode " + PosixFilePermissions.toString(p)
                        + " lets others in (expected: rwx------; it holds AEFPSKs)");
            }
        } catch (IOException e) {
            throw new CapifStateException(dir + ": cannot open the AEFPSK directory: " + e.getMessage());
        }
        return new AefPskFiles(dir);
    }

    public Path directory() {
        return dir;
    }

    /** Every invoker's keys, by invoker ID; refuses the first file it cannot use (see the class comment). */
    public Map<String, StoredAefPsks> load() {
        Map<String, StoredAefPsks> out = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    // Written but never renamed: the write it belonged to was never acknowledged.
                    Files.delete(f);
                    LOG.info("AEFPSK directory {}: removed {}, left by a write that did not finish", dir, name);
                    continue;
                }
                StoredAefPsks k = read(f);
                out.put(k.apiInvokerId(), k);
            }
        } catch (IOException e) {
            throw new CapifStateException(dir + ": cannot read the AEFPSK directory: " + e.getMessage());
        }
        return out;
    }

    /** Replaces {@code keys.apiInvokerId()}'s file atomically (see the class comment). */
    public void write(StoredAefPsks keys) {
        Path target = file(keys.apiInvokerId());
        Path temp = dir.resolve("." + target.getFileName() + TEMP_SUFFIX);
        byte[] json = encode(keys);
        try {
            Files.deleteIfExists(temp);
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
                ByteBuffer b = ByteBuffer.wrap(json);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            throw new CapifStateException(target + ": cannot write AEFPSKs: " + e.getMessage());
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    /** Removes {@code apiInvokerId}'s file, if any. */
    public void delete(String apiInvokerId) {
        Path target = file(apiInvokerId);
        try {
            if (Files.deleteIfExists(target)) {
                syncDirectory();
            }
        } catch (IOException e) {
            throw new CapifStateException(target + ": cannot delete AEFPSKs: " + e.getMessage());
        }
    }

    private Path file(String apiInvokerId) {
        if (!INVOKER_ID.matcher(apiInvokerId).matches()) {
            throw new IllegalArgumentException("apiInvokerId: not a CCF-assigned ID (expected: 1 to 64 letters or digits)");
        }
        return dir.resolve(apiInvokerId + SUFFIX);
    }

    /** The rename is durable only once the directory entry is (POSIX: fsync of the directory). */
    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static boolean othersHaveNone(Set<PosixFilePermission> p) {
        return p.stream().noneMatch(x -> x.name().startsWith("GROUP_") || x.name().startsWith("OTHERS_"));
    }

    private StoredAefPsks read(Path f) throws IOException {
        String name = f.getFileName().toString();
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(f, "not a regular file");
        }
        if (!name.endsWith(SUFFIX) || !INVOKER_ID.matcher(name.substring(0, name.length() - SUFFIX.length())).matches()) {
            throw refused(f, "not a file of the CCF (expected: <apiInvokerId>.json)");
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS);
        if (!othersHaveNone(p)) {
            throw refused(f, "mode " + PosixFilePermissions.toString(p) + " lets others in (expected: rw-------)");
        }
        if (Files.size(f) > MAX_FILE_BYTES) {
            throw refused(f, "larger than " + MAX_FILE_BYTES + " octets");
        }
        byte[] json = Files.readAllBytes(f);
        try {
            return decode(f, name.substring(0, name.length() - SUFFIX.length()), json);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    private static StoredAefPsks decode(Path f, String expectedId, byte[] json) {
        FileForm form;
        try {
            form = SbiJson.read(json, FileForm.class);
        } catch (SbiJsonException e) {
            // SbiJsonException's message says where, never what (the cause's Jackson text may quote the key).
            throw refused(f, e.getMessage());
        }
        if (form == null || !FORMAT.equals(form.format())) {
            throw refused(f, "no \"format\": \"" + FORMAT + "\" (not written by a keygate CCF, or by another version)");
        }
        if (!expectedId.equals(form.apiInvokerId())) {
            throw refused(f, "apiInvokerId differs from the file's name");
        }
        if (form.keys() == null || form.keys().isEmpty()) {
            throw refused(f, "no keys");
        }
        Map<AefInterfaceId, SecretBytes> keys = new HashMap<>();
        for (int i = 0; i < form.keys().size(); i++) {
            KeyForm k = form.keys().get(i);
            AefInterfaceId iface;
            try {
                iface = new AefInterfaceId(k.host(), k.port(), k.apiPrefix() == null ? "" : k.apiPrefix());
            } catch (RuntimeException e) {
                throw refused(f, "keys[" + i + "] is no AEF interface: " + e.getMessage());
            }
            byte[] raw;
            try {
                raw = k.aefPsk() == null ? new byte[0] : Base64.getDecoder().decode(k.aefPsk());
            } catch (IllegalArgumentException e) {
                throw refused(f, "keys[" + i + "].aefPsk is not base64");
            }
            try {
                if (raw.length != KEY_OCTETS) {
                    throw refused(f, "keys[" + i + "].aefPsk is " + raw.length + " octets (expected: " + KEY_OCTETS + ")");
                }
                if (keys.put(iface, SecretBytes.copyOf(raw)) != null) {
                    throw refused(f, "keys[" + i + "] repeats the interface " + iface.text());
                }
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
        return new StoredAefPsks(expectedId, keys);
    }

    private static byte[] encode(StoredAefPsks keys) {
        List<KeyForm> list = new ArrayList<>();
        keys.keys().entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(AefInterfaceId::text)))
                .forEach(e -> {
                    byte[] raw = e.getValue().toByteArray(InsecureSecretAccess.get());
                    try {
                        list.add(new KeyForm(e.getKey().host(), e.getKey().port(), e.getKey().apiPrefix(),
                                Base64.getEncoder().encodeToString(raw)));
                    } finally {
                        Arrays.fill(raw, (byte) 0);
                    }
                });
        return SbiJson.write(new FileForm(FORMAT, keys.apiInvokerId(), list));
    }

    private static CapifStateException refused(Path f, String why) {
        return new CapifStateException("AEFPSK file " + f + " refused: " + why
                + " (remove it, and that invoker requests security again)");
    }

    /** The file's JSON. Never printed: it holds keys. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record FileForm(String format, String apiInvokerId, List<KeyForm> keys) {
        @Override
        public String toString() {
            return "FileForm[" + apiInvokerId + "]";
        }
    }

    private record KeyForm(String host, int port, String apiPrefix, String aefPsk) {
        @Override
        public String toString() {
            return "KeyForm[" + host + ":" + port + apiPrefix + "]";
        }
    }
}
