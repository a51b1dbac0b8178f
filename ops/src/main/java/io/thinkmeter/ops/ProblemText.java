package io.thinkmeter.ops;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The problem text of {@code decode}: its argument, or with {@code -} standard input, which must be
 * UTF-8. Bytes that are not UTF-8 are refused, never decoded as garbage: on standard input they are
 * found byte by byte; in an argument the JVM has already replaced them by U+FFFD, so that character
 * is refused there.
 */
final class ProblemText {

    static final String STDIN = "-";
    private static final char REPLACEMENT = '\uFFFD';

    private ProblemText() {}

    static String read(CommandSpec spec, String argument, InputStream stdin) throws IOException {
        if (STDIN.equals(argument)) {
            return utf8(spec, stdin.readAllBytes()).strip();
        }
        int at = argument.indexOf(REPLACEMENT);
        if (at >= 0) {
            String jvm = System.getProperty("sun.jnu.encoding", "UTF-8");
            String hint = jvm.equalsIgnoreCase("UTF-8") ? ""
                    : "; the JVM read the arguments as " + jvm
                            + ", so set LANG=C.UTF-8 or pass the text on standard input";
            throw new ParameterException(spec.commandLine(), "PROBLEM is not valid UTF-8: character " + at
                    + " is U+FFFD, which stands for bytes that could not be decoded" + hint);
        }
        return argument;
    }

    private static String utf8(CommandSpec spec, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new ParameterException(spec.commandLine(), "standard input is not valid UTF-8: byte " + in.position()
                    + " (0x" + String.format("%02x", bytes[in.position()] & 0xff) + ") starts no UTF-8 character");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
