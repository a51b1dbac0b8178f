package io.thinkmeter.storage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files over several chunks come back byte for byte; a line limit or a failed write stores nothing. */
class OpenAiFilesTest {

    private static DataSource db;
    private static OpenAiFiles files;

    @BeforeAll
    static void database() {
        db = TestDatabases.migratedDatabase("openai_files");
        files = new OpenAiFiles(db);
    }

    @Test
    void aFileOfSeveralChunksComesBackByteForByteWithItsLinesCounted() throws IOException, SQLException {
        // 2.5 chunks, lines of random lengths, written in odd-sized pieces: chunk edges fall mid-line
        byte[] content = new byte[OpenAiFiles.CHUNK_BYTES * 5 / 2];
        Random random = new Random(7);
        int lines = 0;
        for (int i = 0; i < content.length; i++) {
            content[i] = random.nextInt(80) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
            lines += content[i] == '\n' ? 1 : 0;
        }
        content[content.length - 1] = 'z';
        int expectedLines = lines + 1;
        OpenAiFiles.StoredFile stored = files.create("acme", "file-big", "big.jsonl", OpenAiFiles.PURPOSE_BATCH,
                1_000_000, out -> {
                    for (int off = 0; off < content.length; off += 7_777) {
                        out.write(content, off, Math.min(7_777, content.length - off));
                    }
                });
        assertEquals(content.length, stored.bytes());
        assertEquals(expectedLines, stored.lines());
        assertEquals(3, Fixtures.count(db, "SELECT count(*) FROM openai_file_chunks WHERE file_id = ?", "file-big"));
        Optional<byte[]> back = files.read("acme", "file-big", java.io.InputStream::readAllBytes);
        assertArrayEquals(content, back.orElseThrow());
        assertEquals(Optional.empty(), files.read("globex", "file-big", java.io.InputStream::readAllBytes));
        assertEquals(Optional.empty(), files.find("globex", "file-big"));

        assertTrue(files.delete("acme", "file-big"));
        assertFalse(files.delete("acme", "file-big"));
        assertEquals(Optional.empty(), files.find("acme", "file-big"));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM openai_file_chunks WHERE file_id = ?", "file-big"));
    }

    @Test
    void aFileOverItsLineLimitOrWhoseWriteFailsLeavesNothing() throws SQLException {
        assertThrows(OpenAiFiles.TooManyLinesException.class, () -> files.create("acme", "file-long", "x.jsonl",
                OpenAiFiles.PURPOSE_BATCH, 2, out -> out.write("1\n2\n3".getBytes())));
        assertThrows(java.io.UncheckedIOException.class, () -> files.create("acme", "file-broken", "x.jsonl",
                OpenAiFiles.PURPOSE_BATCH, 10, (OutputStream out) -> {
                    out.write(new byte[OpenAiFiles.CHUNK_BYTES + 10]);
                    throw new IOException("the upload broke off");
                }));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM openai_files WHERE id IN (?, ?)", "file-long",
                "file-broken"));
        assertEquals(0, Fixtures.count(db, "SELECT count(*) FROM openai_file_chunks WHERE file_id IN (?, ?)",
                "file-long", "file-broken"));
        assertEquals(2, files.create("acme", "file-two", "x.jsonl", OpenAiFiles.PURPOSE_BATCH, 2,
                out -> out.write("1\n2\n".getBytes())).lines());
    }
}
