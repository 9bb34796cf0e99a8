package io.tenantwatch.app.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One input of a replay: a file, standard input, or a bundled resource (the demo). */
public interface ReplayInput {

    /** How the summary and error messages name it. */
    String name();

    InputStream open() throws IOException;

    /** Its size in bytes, or -1 when it cannot be known before reading it (standard input). */
    default long size() {
        return -1;
    }

    static ReplayInput file(Path path) {
        return new ReplayInput() {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(path);
            }

            @Override
            public long size() {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }

    static ReplayInput stdin(InputStream in) {
        return new ReplayInput() {
            @Override
            public String name() {
                return "-";
            }

            @Override
            public InputStream open() {
                // Never closed by the replay: standard input belongs to the process.
                return new java.io.FilterInputStream(in) {
                    @Override
                    public void close() {}
                };
            }
        };
    }

    static ReplayInput resource(String resource) {
        return new ReplayInput() {
            @Override
            public String name() {
                return resource;
            }

            @Override
            public InputStream open() throws IOException {
                InputStream in = ReplayInput.class.getResourceAsStream(resource);
                if (in == null) {
                    throw new IOException("bundled resource missing: " + resource);
                }
                return in;
            }
        };
    }
}
