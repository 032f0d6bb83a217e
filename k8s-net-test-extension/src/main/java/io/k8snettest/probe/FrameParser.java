package io.k8snettest.probe;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one stream (stdout or stderr) of a {@link ProbeChannel} as {@link ChannelFraming} writes it:
 * an {@link OutputStream} the exec writes into, calling its {@link Records} for every complete frame.
 * Bytes outside a frame (e.g. late output of a background process of an earlier command) are dropped.
 * Linear in the input, whatever it holds: the token prefix starts with the only newline it contains,
 * so a mismatch never needs to look back further than that newline. Not thread safe: the channel
 * serialises the writes.
 */
final class FrameParser extends OutputStream {

    /** What a stream says about requests. */
    interface Records {
        /** Request {@code id} started on this stream. */
        void begun(long id);

        /** Request {@code id} ended on this stream with {@code code} and exactly {@code output}. */
        void ended(long id, String code, byte[] output);

        /** A token that is none of ours: the channel's stream cannot be trusted any more. */
        void corrupt(String why);
    }

    private static final int MAX_TOKEN = 64;

    private final byte[] prefix;
    private final Records records;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final StringBuilder token = new StringBuilder();
    private boolean inToken;
    private int matched;
    private long current = -1;

    FrameParser(String marker, Records records) {
        this.prefix = ChannelFraming.tokenPrefix(marker);
        this.records = records;
    }

    /** The output of the request in progress so far (for a request that timed out). */
    byte[] partial() {
        if (current < 0) {
            return new byte[0];
        }
        ByteArrayOutputStream sofar = new ByteArrayOutputStream();
        sofar.writeBytes(output.toByteArray());
        sofar.write(prefix, 0, matched); // held back in case a token followed: none did
        return sofar.toByteArray();
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (inToken) {
                i = token(bytes, i, end);
            } else if (matched == 0) {
                int newline = indexOf(bytes, (byte) '\n', i, end);
                payload(bytes, i, newline - i);
                if (newline < end) {
                    matched = 1;
                }
                i = newline + 1;
            } else {
                byte b = bytes[i];
                if (b == prefix[matched]) {
                    matched++;
                    i++;
                    if (matched == prefix.length) {
                        matched = 0;
                        inToken = true;
                    }
                } else {
                    payload(prefix, 0, matched); // not a token after all: what looked like one is output
                    matched = 0;                 // b is looked at again: it may be the newline of a token
                }
            }
        }
    }

    private int token(byte[] bytes, int i, int end) {
        while (i < end) {
            byte b = bytes[i++];
            if (b == '\n') {
                inToken = false;
                handle(token.toString());
                token.setLength(0);
                return i;
            }
            token.append((char) (b & 0xff));
            if (token.length() > MAX_TOKEN) {
                inToken = false;
                records.corrupt("a token longer than " + MAX_TOKEN + " bytes");
                token.setLength(0);
                return i;
            }
        }
        return i;
    }

    private void handle(String text) {
        String[] parts = text.split(" ", -1);
        long id;
        try {
            id = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            records.corrupt("a token without a request number: " + text);
            return;
        }
        if (parts.length == 2 && parts[1].equals("B")) {
            current = id;
            output.reset();
            records.begun(id);
        } else if (parts.length == 3 && parts[1].equals("E") && id == current) {
            byte[] bytes = output.toByteArray();
            current = -1;
            output.reset();
            records.ended(id, parts[2], bytes);
        } else if (!(parts.length == 3 && parts[1].equals("E"))) {
            records.corrupt("an unknown token: " + new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        // an end token of a request that never began on this stream: dropped, like any bytes outside a frame
    }

    private void payload(byte[] bytes, int offset, int length) {
        if (current >= 0 && length > 0) {
            output.write(bytes, offset, length);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return end;
    }
}
