package io.k8snettest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FrameParser}: the output of a command comes back byte for byte, whatever it holds and however it is split. */
class FrameParserTest {

    private static final String MARKER = ChannelFraming.newMarker();

    record Record(long id, String code, byte[] output) {
        String text() {
            return new String(output, StandardCharsets.UTF_8);
        }
    }

    static final class Collected implements FrameParser.Records {
        final List<Record> records = new ArrayList<>();
        final List<Long> begun = new ArrayList<>();
        final List<String> corrupt = new ArrayList<>();

        @Override
        public void begun(long id) {
            begun.add(id);
        }

        @Override
        public void ended(long id, String code, byte[] output) {
            records.add(new Record(id, code, output));
        }

        @Override
        public void corrupt(String why) {
            corrupt.add(why);
        }
    }

    /** What the shell writes for one request whose command printed {@code output}. */
    static byte[] frame(String marker, long id, byte[] output, String code) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(("\n" + marker + " " + id + " B\n").getBytes(StandardCharsets.US_ASCII));
        s.writeBytes(output);
        s.writeBytes(("\n" + marker + " " + id + " E " + code + "\n").getBytes(StandardCharsets.US_ASCII));
        return s.toByteArray();
    }

    private static Collected parse(byte[] stream) {
        Collected c = new Collected();
        new FrameParser(MARKER, c).write(stream, 0, stream.length);
        return c;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void outputComesBackExactlyWithOrWithoutTrailingNewlines() {
        for (String output : List.of("", "x", "hello\n", "no newline at the end", "\n", "\n\n\n", "two\nlines", "\n\nleading")) {
            Collected c = parse(frame(MARKER, 7, utf8(output), "0"));
            assertThat(c.records).as("output %s", output).singleElement()
                    .satisfies(r -> assertThat(r.text()).isEqualTo(output))
                    .satisfies(r -> assertThat(r.id()).isEqualTo(7))
                    .satisfies(r -> assertThat(r.code()).isEqualTo("0"));
            assertThat(c.corrupt).isEmpty();
        }
    }

    @Test
    void markerLookingTextIsOutput() {
        String other = ChannelFraming.newMarker();
        String output = "\n" + other + " 7 E 0\n"                // a token of another channel
                + "mid-line " + MARKER + " 7 E 0\n"                // our marker, but not after a newline
                + "\n" + MARKER.substring(0, MARKER.length() - 1) + "\n" // a prefix of ours cut short
                + "\n" + MARKER + "X 7 E 0\n"                      // ours without the blank
                + "\n" + MARKER.substring(0, 10);                  // a prefix of a token at the very end
        Collected c = parse(frame(MARKER, 7, utf8(output), "1"));

        assertThat(c.records).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo(output));
        assertThat(c.corrupt).isEmpty();
    }

    @Test
    void everyByteValueSurvives() {
        byte[] binary = new byte[256 * 4];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Collected c = parse(frame(MARKER, 1, binary, "0"));

        assertThat(c.records).singleElement().satisfies(r -> assertThat(r.output()).isEqualTo(binary));
    }

    @Test
    void howTheStreamIsSplitDoesNotMatter() {
        Random random = new Random(42);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> outputs = new ArrayList<>();
        for (int id = 0; id < 50; id++) {
            byte[] out = new byte[random.nextInt(300)];
            random.nextBytes(out);
            if (out.length > 20) { // plant a token prefix cut at a random place
                byte[] prefix = ChannelFraming.tokenPrefix(MARKER);
                System.arraycopy(prefix, 0, out, 5, Math.min(prefix.length - 1, out.length - 6));
            }
            outputs.add(out);
            stream.writeBytes(utf8("stray bytes outside any frame\n"));
            stream.writeBytes(frame(MARKER, id, out, String.valueOf(id % 3)));
        }
        byte[] all = stream.toByteArray();
        for (int round = 0; round < 20; round++) {
            Collected c = new Collected();
            FrameParser parser = new FrameParser(MARKER, c);
            int at = 0;
            while (at < all.length) {
                int n = Math.min(all.length - at, round == 0 ? 1 : 1 + random.nextInt(97));
                parser.write(all, at, n);
                at += n;
            }
            assertThat(c.records).hasSize(50);
            for (int id = 0; id < 50; id++) {
                assertThat(c.records.get(id).output()).as("round %d, record %d", round, id).isEqualTo(outputs.get(id));
                assertThat(c.records.get(id).code()).isEqualTo(String.valueOf(id % 3));
            }
            assertThat(c.corrupt).isEmpty();
        }
    }

    @Test
    void hugeOutputIsReadInLinearTime() {
        byte[] line = utf8("0123456789abcdef ".repeat(4) + "\n");
        byte[] huge = new byte[64 * 1024 * 1024];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = line[i % line.length];
        }
        Collected c = new Collected();
        FrameParser parser = new FrameParser(MARKER, c);
        long start = System.nanoTime();
        byte[] head = utf8("\n" + MARKER + " 3 B\n");
        parser.write(head, 0, head.length);
        for (int at = 0; at < huge.length; at += 8191) {
            parser.write(huge, at, Math.min(8191, huge.length - at));
        }
        assertThat(parser.partial()).hasSize(huge.length);
        byte[] tail = utf8("\n" + MARKER + " 3 E 0\n");
        parser.write(tail, 0, tail.length);

        assertThat(c.records).singleElement().satisfies(r -> assertThat(Arrays.equals(r.output(), huge)).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void partialOutputOfARequestInProgressIsThereForATimeout() {
        Collected c = new Collected();
        FrameParser parser = new FrameParser(MARKER, c);
        assertThat(parser.partial()).isEmpty();
        byte[] started = utf8("\n" + MARKER + " 4 B\nConnecting to 10.0.0.1:80");
        parser.write(started, 0, started.length);

        assertThat(c.begun).containsExactly(4L);
        assertThat(new String(parser.partial(), StandardCharsets.UTF_8)).isEqualTo("Connecting to 10.0.0.1:80");
        assertThat(c.records).isEmpty();
    }

    @Test
    void anEndOfARequestThatNeverBeganHereIsDroppedAndGarbledTokensAreReported() {
        Collected c = parse(utf8("\n" + MARKER + " 9 E 0\n" + "\n" + MARKER + " x B\n" + "\n" + MARKER + " 1 Q\n"
                + "\n" + MARKER + " " + "9".repeat(80) + "\n"));

        assertThat(c.records).isEmpty();
        assertThat(c.corrupt).hasSize(3);
        assertThat(c.corrupt.get(0)).contains("without a request number");
        assertThat(c.corrupt.get(1)).contains("unknown token");
        assertThat(c.corrupt.get(2)).contains("longer than");
    }
}
