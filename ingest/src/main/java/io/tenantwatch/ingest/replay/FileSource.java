package io.tenantwatch.ingest.replay;

import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.ReaderLimits;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.json.JsonSupport;
import io.tenantwatch.ingest.json.JsonSupport.Syntax;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file (or stdin, "-") for replay (docs/formats.md "Command-line contract"): line by line, any
 * mix of input formats detected per line, streaming so that a file of any size needs one line of
 * memory. A file whose first line opens a JSON value that it does not close is a pretty-printed
 * document (an Event, EventList or AKS record) and is read whole, up to
 * {@link ReaderLimits#maxDocumentBytes()}, unless its second line is a JSON value on its own (then
 * it is a JSON-lines file whose first line is cut). A UTF-8 byte-order mark is dropped, blank lines
 * are ignored, and a line longer than {@link ReaderLimits#maxRecordBytes()} is rejected
 * {@code oversize} without being buffered. Thread-safe (holds no state between calls).
 */
public final class FileSource {

    public static final String STDIN = "-";

    private final InputReader reader;
    private final ReaderLimits limits;
    private final JsonSupport json;

    public FileSource(InputReader reader) {
        this.reader = reader;
        this.limits = reader.limits();
        this.json = reader.json();
    }

    /**
     * @param pathOrDash a file path, or "-" for stdin (which is not closed)
     * @throws IOException when the file cannot be opened or read; bad content never throws
     */
    public void read(String pathOrDash, SourceBinding binding, ReadSink sink) throws IOException {
        if (STDIN.equals(pathOrDash)) {
            read(System.in, binding, sink);
        } else {
            read(Path.of(pathOrDash), binding, sink);
        }
    }

    public void read(Path path, SourceBinding binding, ReadSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            read(in, binding, sink);
        }
    }

    public void read(InputStream in, SourceBinding binding, ReadSink sink) throws IOException {
        ByteLines lines = new ByteLines(in, limits.maxRecordBytes());
        lines.skipByteOrderMark();
        ByteLines.Line first = lines.next();
        if (first == null) {
            return;
        }
        if (!first.oversize() && json.syntax(first.bytes(), first.offset(), first.length()) == Syntax.TRUNCATED) {
            readOpenDocument(first, lines, in, binding, sink);
        } else {
            readLines(first, lines, binding, sink);
        }
    }

    private void readLines(ByteLines.Line first, ByteLines lines, SourceBinding binding, ReadSink sink)
            throws IOException {
        for (ByteLines.Line line = first; line != null; line = lines.next()) {
            if (line.oversize()) {
                reader.rejectOversizeRecord(line.bytes(), line.offset(), line.length(), line.fullLength(), sink);
            } else {
                reader.read(line.bytes(), line.offset(), line.length(), binding, sink);
            }
        }
    }

    /** The first line opens a value it does not close: a document, or JSON lines with a cut first line. */
    private void readOpenDocument(
            ByteLines.Line first, ByteLines lines, InputStream in, SourceBinding binding, ReadSink sink)
            throws IOException {
        int limit = limits.maxDocumentBytes();
        byte[] head = Arrays.copyOfRange(first.bytes(), first.offset(), first.offset() + first.length());
        byte[] rest = lines.drain(limit - head.length);
        byte[] document = Arrays.copyOf(head, head.length + 1 + rest.length);
        document[head.length] = '\n';
        System.arraycopy(rest, 0, document, head.length + 1, rest.length);
        boolean tooBig = document.length > limit;
        if (!tooBig && json.syntax(document, 0, document.length) == Syntax.VALID) {
            reader.read(document, binding, sink);
        } else if (secondLineStandsAlone(rest)) {
            InputStream again = new SequenceInputStream(new ByteArrayInputStream(rest), in);
            readLines(
                    new ByteLines.Line(head, 0, head.length, head.length),
                    new ByteLines(again, limits.maxRecordBytes()),
                    binding,
                    sink);
        } else if (tooBig) {
            long total = document.length + in.transferTo(OutputStream.nullOutputStream());
            reader.rejectOversizeDocument(document, 0, limits.maxRecordBytes(), total, sink);
        } else {
            reader.read(document, binding, sink); // rejected with the document's own syntax error
        }
    }

    /** Whether the first non-blank line of {@code rest} is a whole JSON object or array. */
    private boolean secondLineStandsAlone(byte[] rest) {
        int from = 0;
        while (from < rest.length) {
            int to = from;
            while (to < rest.length && rest[to] != '\n') {
                to++;
            }
            int end = to > from && rest[to - 1] == '\r' ? to - 1 : to;
            int first = from;
            while (first < end && (rest[first] == ' ' || rest[first] == '\t')) {
                first++;
            }
            if (first < end) {
                return (rest[first] == '{' || rest[first] == '[')
                        && json.syntax(rest, first, end - first) == Syntax.VALID;
            }
            from = to + 1;
        }
        return false;
    }
}
