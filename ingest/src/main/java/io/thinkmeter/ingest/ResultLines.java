package io.thinkmeter.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.thinkmeter.contracts.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes a batch's stored results as JSONL, one result object per line, as they are read. */
final class ResultLines {

    // the contracts' own mapper: each line is a result in the same JSON as on the results topic
    private static final ObjectWriter WRITER = Json.forUsers().writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ResultLines() {}

    static void write(BatchReports reports, BatchStore.Batch batch, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        reports.forEach(batch, result -> {
            WRITER.writeValue(writer, result);
            writer.write('\n');
        });
        writer.flush();
    }
}
