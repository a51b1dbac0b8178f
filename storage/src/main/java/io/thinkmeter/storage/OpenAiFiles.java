package io.thinkmeter.storage;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tenants' files for OpenAI's Files API ({@code openai_files}, {@code openai_file_chunks}): a row per file
 * and its bytes in chunks of up to {@link #CHUNK_BYTES}, written and read as streams, so a 200 MB file is
 * never held in memory. Always within one tenant: another tenant's file, or a deleted one, looks unknown.
 */
public final class OpenAiFiles {

    /** Bytes per stored chunk: big enough for few rows, small enough to hold one at a time. */
    public static final int CHUNK_BYTES = 1 << 20;
    public static final String PURPOSE_BATCH = "batch";
    public static final String PURPOSE_BATCH_OUTPUT = "batch_output";

    public record StoredFile(String id, String tenant, String filename, String purpose, long bytes, int lines,
                             Instant createdAt) {}

    /** Writes a file's content; may fail with the I/O of wherever it comes from. */
    @FunctionalInterface
    public interface ContentWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Reads a file's content, while the rows it comes from are open. */
    @FunctionalInterface
    public interface ContentReader<T> {
        T read(InputStream in) throws IOException;
    }

    /** The content had more lines than allowed: nothing of it was stored. */
    public static final class TooManyLinesException extends RuntimeException {
        private final int maxLines;

        TooManyLinesException(int maxLines) {
            super("the file has more than " + maxLines + " lines");
            this.maxLines = maxLines;
        }

        public int maxLines() {
            return maxLines;
        }
    }

    private static final String COLUMNS = "id, tenant_id, filename, purpose, bytes, line_count, created_at";
    private static final String FIND = "SELECT " + COLUMNS
            + " FROM openai_files WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL";
    private static final String INSERT_CHUNK = "INSERT INTO openai_file_chunks (file_id, chunk, data) VALUES (?, ?, ?)";
    private static final String INSERT_FILE = """
            INSERT INTO openai_files (id, tenant_id, filename, purpose, bytes, line_count)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING created_at
            """;
    private static final String CHUNKS = "SELECT data FROM openai_file_chunks WHERE file_id = ? ORDER BY chunk";

    private final DataSource dataSource;

    public OpenAiFiles(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a file in one transaction: all of it, or (on any failure) nothing.
     *
     * @param maxLines the most lines the content may have (a last line without a newline counts)
     * @throws TooManyLinesException when it has more; nothing is stored
     * @throws UncheckedIOException when {@code content} fails; nothing is stored
     */
    public StoredFile create(String tenant, String id, String filename, String purpose, int maxLines,
                             ContentWriter content) {
        return Transactions.inTransaction(dataSource, "store file " + id,
                c -> create(c, tenant, id, filename, purpose, maxLines, content));
    }

    /**
     * A file the platform writes (a batch's output), inside the caller's transaction, with no line limit.
     *
     * @return null, and nothing stored, when {@code content} wrote nothing
     */
    public static StoredFile createUnlessEmpty(Connection c, String tenant, String id, String filename,
                                               String purpose, ContentWriter content) throws SQLException {
        return create(c, tenant, id, filename, purpose, Integer.MAX_VALUE, content, false);
    }

    private static StoredFile create(Connection c, String tenant, String id, String filename, String purpose,
                                     int maxLines, ContentWriter content) throws SQLException {
        return create(c, tenant, id, filename, purpose, maxLines, content, true);
    }

    private static StoredFile create(Connection c, String tenant, String id, String filename, String purpose,
                                     int maxLines, ContentWriter content, boolean keepEmpty) throws SQLException {
        Sql.requireStorableIdentifier(id, "id", "a file");
        Sql.requireStorableIdentifier(tenant, "tenant", "file " + id);
        ChunkOutput out = new ChunkOutput(c, id, maxLines);
        try {
            content.write(out);
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the content of file " + id, e);
        } catch (ChunkFailed e) {
            throw e.sqlException;
        }
        if (out.bytes == 0 && !keepEmpty) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_FILE)) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            Sql.setText(ps, 3, filename);
            ps.setString(4, purpose);
            ps.setLong(5, out.bytes);
            ps.setInt(6, out.lines());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StoredFile(id, tenant, Sql.withoutNul(filename), purpose, out.bytes, out.lines(),
                        rs.getObject(1, OffsetDateTime.class).toInstant());
            }
        }
    }

    /** Empty when the tenant has no such file, or deleted it. */
    public Optional<StoredFile> find(String tenant, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, id);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read file " + id + " of tenant " + tenant, e);
        }
    }

    /**
     * Up to {@code limit} of the tenant's files, newest first (or oldest first), after the file
     * {@code after} in that order (none: from the start); only those of {@code purpose} when given.
     */
    public List<StoredFile> list(String tenant, String purpose, String after, int limit, boolean newestFirst) {
        String direction = newestFirst ? "DESC" : "ASC";
        String beyond = newestFirst ? "<" : ">";
        String sql = "SELECT " + COLUMNS + " FROM openai_files f WHERE tenant_id = ? AND deleted_at IS NULL"
                + " AND (?::text IS NULL OR purpose = ?)"
                + " AND (?::text IS NULL OR (created_at, id) " + beyond
                + " (SELECT created_at, id FROM openai_files WHERE id = ? AND tenant_id = f.tenant_id))"
                + " ORDER BY created_at " + direction + ", id " + direction + " LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setString(2, purpose);
            ps.setString(3, purpose);
            ps.setString(4, after);
            ps.setString(5, after);
            ps.setInt(6, limit);
            List<StoredFile> files = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(read(rs));
                }
            }
            return files;
        } catch (SQLException e) {
            throw new StorageException("could not list the files of tenant " + tenant, e);
        }
    }

    /**
     * Marks the file deleted and deletes its content; the row stays, since batches name their files.
     *
     * @return false when the tenant has no such file (or it was deleted already)
     */
    public boolean delete(String tenant, String id) {
        return Transactions.inTransaction(dataSource, "delete file " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE openai_files SET deleted_at = now() WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL")) {
                ps.setString(1, id);
                ps.setString(2, tenant);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM openai_file_chunks WHERE file_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return true;
        });
    }

    /**
     * Hands the file's content, as one stream, to {@code reader}; a chunk at a time is in memory.
     *
     * @return what the reader returns; empty when the tenant has no such file
     */
    public <T> Optional<T> read(String tenant, String id, ContentReader<T> reader) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL's driver only streams with a fetch size inside a transaction
            c.setAutoCommit(false);
            try {
                try (PreparedStatement find = c.prepareStatement(FIND)) {
                    find.setString(1, id);
                    find.setString(2, tenant);
                    try (ResultSet rs = find.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(CHUNKS)) {
                    ps.setFetchSize(2);
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery(); InputStream in = new ChunkInput(rs)) {
                        return Optional.ofNullable(reader.read(in));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the content of file " + id, e);
        } catch (ChunkFailed e) {
            throw new StorageException("could not read the content of file " + id, e.sqlException);
        }
    }

    private static StoredFile read(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getInt(6), rs.getObject(7, OffsetDateTime.class).toInstant());
    }

    /** Carries a failed chunk insert or read through OutputStream's and InputStream's signatures. */
    private static final class ChunkFailed extends RuntimeException {
        final SQLException sqlException;

        ChunkFailed(SQLException e) {
            super(e);
            this.sqlException = e;
        }
    }

    /** Buffers a chunk, inserts it when full; counts bytes and lines on the way. */
    private static final class ChunkOutput extends OutputStream {

        private final Connection c;
        private final String fileId;
        private final int maxLines;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private int filled;
        private int chunk;
        long bytes;
        private int newlines;
        private byte last = '\n';
        private boolean closed;

        ChunkOutput(Connection c, String fileId, int maxLines) {
            this.c = c;
            this.fileId = fileId;
            this.maxLines = maxLines;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n' && ++newlines > maxLines) {
                    throw new TooManyLinesException(maxLines);
                }
            }
            if (len > 0) {
                last = b[off + len - 1];
            }
            bytes += len;
            while (len > 0) {
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == buffer.length) {
                    flushChunk();
                }
            }
        }

        int lines() {
            return newlines + (last == '\n' ? 0 : 1);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (lines() > maxLines) {
                throw new TooManyLinesException(maxLines);
            }
            if (filled > 0) {
                flushChunk();
            }
        }

        private void flushChunk() {
            try (PreparedStatement ps = c.prepareStatement(INSERT_CHUNK)) {
                ps.setString(1, fileId);
                ps.setInt(2, chunk++);
                ps.setBytes(3, filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new ChunkFailed(e);
            }
            filled = 0;
        }
    }

    /** The chunks of a result set as one stream. */
    private static final class ChunkInput extends InputStream {

        private final ResultSet rs;
        private byte[] current = new byte[0];
        private int position;

        ChunkInput(ResultSet rs) {
            this.rs = rs;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                try {
                    if (!rs.next()) {
                        return -1;
                    }
                    current = rs.getBytes(1);
                } catch (SQLException e) {
                    throw new ChunkFailed(e);
                }
                position = 0;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }
}
