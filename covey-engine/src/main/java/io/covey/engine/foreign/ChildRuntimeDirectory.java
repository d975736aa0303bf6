package io.covey.engine.foreign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Lays the jars nested in an executable jar out as plain files, so that a child JVM can have them
 * on its class path: the host runs with {@code java -jar covey-host-*-exec.jar} and nothing else.
 * <p>
 * Each executable jar gets a subdirectory named after a SHA-256 of its content, so hosts of the
 * same jar share one copy and a rebuilt jar never meets the files of an older one. A file is
 * written to a temporary name and renamed into place, so a child (or another host) sees either no
 * file or a complete one; two hosts laying out the same file at once write the same bytes. A file
 * that has gone (a temp cleaner, a hand) is laid out again at the next launch. Subdirectories no
 * launch has touched for {@link #UNUSED_FOR} are removed.
 * <p>
 * In a shared temporary directory the root is private to the user (0700, owned by them), and one
 * that is not is refused: whoever could write there could put code into every child.
 */
final class ChildRuntimeDirectory {
    static final Duration UNUSED_FOR = Duration.ofDays(7);
    private static final System.Logger LOG = System.getLogger(ChildRuntimeDirectory.class.getName());
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Map<Path, ChildRuntimeDirectory> BY_ROOT = new ConcurrentHashMap<>();

    private final Path root;
    private final Map<JarIdentity, String> digests = new ConcurrentHashMap<>();
    private final Set<Path> prepared = ConcurrentHashMap.newKeySet();

    private ChildRuntimeDirectory(Path root) {
        this.root = root;
    }

    /** The directory for {@code root}; null means the default, {@code <java.io.tmpdir>/covey-<user>/child-runtime}. */
    static ChildRuntimeDirectory at(Path root) {
        Path effective = (root != null ? root : defaultRoot()).toAbsolutePath().normalize();
        return BY_ROOT.computeIfAbsent(effective, ChildRuntimeDirectory::new);
    }

    static Path defaultRoot() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "covey-" + user, "child-runtime");
    }

    Path root() {
        return root;
    }

    /**
     * A plain file holding the nested entry: the nested jar itself, or for a directory of classes a
     * jar of its content. Laid out on first use, and again if it has gone since.
     */
    Path localCopy(NestedJarEntry nested) throws IOException {
        Path jarDirectory = jarDirectory(nested.outerJar());
        String name = nested.isDirectory() ? nested.entry().substring(0, nested.entry().length() - 1) + ".jar" : nested.entry();
        Path target = jarDirectory.resolve(name).normalize();
        if (!target.startsWith(jarDirectory)) {
            throw new IOException("nested entry " + nested.entry() + " points outside " + jarDirectory);
        }
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            try (JarFile jar = new JarFile(nested.outerJar().toFile(), false); OutputStream out = Files.newOutputStream(temp)) {
                if (nested.isDirectory()) {
                    copyDirectoryAsJar(jar, nested.entry(), out);
                } else {
                    copyEntry(jar, nested.entry(), out);
                }
            }
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** {@code <root>/<digest of the jar>}, created private, touched so that pruning leaves it alone. */
    private synchronized Path jarDirectory(Path outerJar) throws IOException {
        Path directory = root.resolve(digest(outerJar));
        if (!prepared.contains(directory)) {
            privateRoot(); // a refused root stays refused: checked again at every launch until it passes
            Files.createDirectories(directory);
            Files.setLastModifiedTime(directory, FileTime.from(Instant.now()));
            pruneUnused(directory);
            prepared.add(directory);
            LOG.log(System.Logger.Level.INFO, "child JVMs get the jars nested in " + outerJar + " from " + directory);
        } else if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
        }
        return directory;
    }

    /**
     * Creates the root (0700) and checks that it, and its parent when that is the default's
     * {@code covey-<user>}, belong to this user and that nobody else may write to them.
     */
    private void privateRoot() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(root);
            return;
        }
        Path parent = root.getParent();
        boolean defaultRoot = root.equals(defaultRoot().toAbsolutePath().normalize());
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PRIVATE));
        }
        if (!Files.isDirectory(root)) {
            try {
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (FileAlreadyExistsException e) {
                // another host made it meanwhile: checked below like any existing one
            }
        }
        UserPrincipal me = currentUser();
        requireOwnedAndUnshared(root, me);
        if (defaultRoot && parent != null) {
            requireOwnedAndUnshared(parent, me);
        }
    }

    private static void requireOwnedAndUnshared(Path directory, UserPrincipal me) throws IOException {
        UserPrincipal owner = Files.getOwner(directory);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        boolean shared = permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE);
        if (!owner.equals(me) || shared) {
            throw new IOException("the child runtime directory " + directory + " must belong to " + me.getName()
                    + " and be writable by nobody else, but it belongs to " + owner.getName() + " with "
                    + PosixFilePermissions.toString(permissions) + "; remove it, or set covey.worker.runtime-directory");
        }
    }

    /** The owner of a file this process creates: the user the JVM runs as. */
    private UserPrincipal currentUser() throws IOException {
        Path probe = Files.createTempFile(root, "owner", ".probe");
        try {
            return Files.getOwner(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private void pruneUnused(Path keep) {
        Instant cutoff = Instant.now().minus(UNUSED_FOR);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (!entry.equals(keep) && Files.isDirectory(entry)
                        && Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not prune " + root + ": " + e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * The SHA-256, in hex, of the jar's table of contents: every entry's name, size and CRC-32. It
     * changes with any entry's content, as a digest of the whole file would, but reads only the
     * central directory (milliseconds for a 26 MB jar, where hashing the file took a few hundred on a
     * cold JVM). Computed once per file version (its size and modification time stand for it).
     */
    private String digest(Path jar) throws IOException {
        JarIdentity identity = new JarIdentity(jar.toRealPath(), Files.size(jar), Files.getLastModifiedTime(jar).toMillis());
        String cached = digests.get(identity);
        if (cached != null) {
            return cached;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                sha.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                sha.update(ByteBuffer.allocate(17).put((byte) 0).putLong(entry.getSize()).putLong(entry.getCrc()).array());
            }
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        digests.put(identity, hex);
        return hex;
    }

    private record JarIdentity(Path realPath, long size, long modifiedMillis) {
    }

    private static void copyEntry(JarFile jar, String name, OutputStream out) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        if (entry == null || entry.isDirectory()) {
            throw new IOException(jar.getName() + " has no nested jar " + name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            in.transferTo(out);
        }
    }

    /** The entries below {@code prefix} as a jar of their own, names relative to it (a class path entry). */
    private static void copyDirectoryAsJar(JarFile jar, String prefix, OutputStream out) throws IOException {
        try (JarOutputStream target = new JarOutputStream(out)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(prefix) || name.length() == prefix.length()) {
                    continue;
                }
                JarEntry copy = new JarEntry(name.substring(prefix.length()));
                copy.setTime(entry.getTime());
                target.putNextEntry(copy);
                if (!entry.isDirectory()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        in.transferTo(target);
                    }
                }
                target.closeEntry();
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
