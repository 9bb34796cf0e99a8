package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.schemas.Alert;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends one alert per line to a file, rotated by size like logrotate's numbered scheme:
 * when a line would take the file past {@code maxBytes}, {@code alerts.jsonl} becomes
 * {@code alerts.jsonl.1} (older ones shift up, the oldest beyond {@code keep} is deleted) and a new
 * file starts. A line is handed to the operating system before {@link #send} returns, so it
 * survives a crash of the process (not of the machine: no fsync per alert).
 */
final class FileSink implements Sink {

    private final String name;
    private final Path path;
    private final long maxBytes;
    private final int keep;
    private final AlertFormat format;
    private FileChannel channel;
    private long size;

    FileSink(SinkConfig.File config) {
        this.name = config.name();
        this.path = config.path();
        this.maxBytes = config.maxBytes();
        this.keep = config.keep();
        this.format = config.format();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public synchronized void send(Alert alert) throws SinkException {
        byte[] line = (format.format(alert) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            open();
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
                open();
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            size += line.length;
        } catch (IOException e) {
            closeChannel();
            throw SinkException.retryable(
                    "cannot write the file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private void open() throws IOException {
        if (channel == null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            size = channel.size();
        }
    }

    private void rotate() throws IOException {
        closeChannel();
        if (keep == 0) {
            Files.deleteIfExists(path);
            return;
        }
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path numbered(int i) {
        return path.resolveSibling(path.getFileName() + "." + i);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the next send reopens
            }
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }
}
