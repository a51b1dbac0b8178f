package io.thinkmeter.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * Generated secrets kept in a properties file only its owner may read or write (mode 0600): the
 * embedded PostgreSQL's passwords, the platform's admin and API keys. A secret is generated once and
 * read back on every later start, so a server restarted on its data directory accepts the same logins.
 */
public final class CredentialsFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    private CredentialsFile(Path file) {
        this.file = file;
    }

    /** The file's secrets; an absent file is created empty, readable by its owner only. */
    public static synchronized CredentialsFile open(Path file) {
        CredentialsFile credentials = new CredentialsFile(file);
        try {
            createPrivately(file);
            try (Reader in = Files.newBufferedReader(file)) {
                credentials.values.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the credentials file " + file, e);
        }
        return credentials;
    }

    /** Writes {@code content} to {@code file} so only its owner may read or write it (mode 0600). */
    public static void writePrivately(Path file, String content) {
        try {
            createPrivately(file);
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The file, created when absent; its owner's only either way (secrets are nobody else's business). */
    private static void createPrivately(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // kept from an earlier start
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
    }

    /** The secret under {@code name}, generated (32 random bytes, URL-safe base64) and saved on first use. */
    public synchronized String secret(String name) {
        String value = values.getProperty(name);
        if (value == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            put(name, value);
        }
        return value;
    }

    /** A value chosen elsewhere (an API key the platform was given), saved for the next start. */
    public synchronized void put(String name, String value) {
        values.setProperty(name, value);
        try (Writer out = Files.newBufferedWriter(file)) {
            values.store(out, "generated secrets: keep this file private (mode 0600)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials file " + file, e);
        }
    }

    /** The value under {@code name}, or null. */
    public synchronized String get(String name) {
        return values.getProperty(name);
    }

    public Path path() {
        return file;
    }
}
