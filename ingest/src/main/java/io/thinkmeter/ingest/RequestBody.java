package io.thinkmeter.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request body as sent, and as text. Read by ingest itself, up to the size limit, so an oversized
 * body sent without a length (chunked) is refused with the JSON error like any other; decoded strictly,
 * so a byte that is not UTF-8 is refused with its offset instead of quietly becoming U+FFFD in what
 * ingest accepts and stores.
 */
public record RequestBody(byte[] bytes, String text) {

    /**
     * @param maxBytes {@code thinkmeter.ingest.max-body-size}
     * @throws ApiException 413 over the limit, 400 when it cannot be read or is not UTF-8
     */
    public static RequestBody read(InputStream in, long maxBytes) {
        byte[] bytes;
        try (in) {
            bytes = in == null ? new byte[0] : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read; nothing was accepted",
                    List.of("the connection broke while the body was being read: " + e.getMessage()));
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return new RequestBody(bytes, utf8(bytes));
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "the body is too large; nothing was submitted",
                List.of("a body may have at most " + maxBytes + " bytes (thinkmeter.ingest.max-body-size): "
                        + "split the batch"));
    }

    /** @throws ApiException 400 naming the offset of the first byte that is not UTF-8 */
    static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never needs more chars than bytes
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw ApiException.badRequest("the body is not valid UTF-8; nothing was accepted",
                    List.of("the body is not valid UTF-8 (invalid byte at offset " + in.position() + ")"));
        }
        return out.flip().toString();
    }
}
