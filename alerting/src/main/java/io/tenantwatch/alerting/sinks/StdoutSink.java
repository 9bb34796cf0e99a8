package io.tenantwatch.alerting.sinks;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.schemas.Alert;
import java.io.PrintWriter;

/** One alert per line on the process's standard output (or the writer the command gives). */
final class StdoutSink implements Sink {

    private final String name;
    private final AlertFormat format;
    private final PrintWriter out;

    StdoutSink(SinkConfig.Stdout config, PrintWriter out) {
        this.name = config.name();
        this.format = config.format();
        this.out = out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "stdout";
    }

    @Override
    public void send(Alert alert) throws SinkException {
        String line = format.format(alert);
        synchronized (out) {
            out.println(line);
            out.flush();
            if (out.checkError()) {
                throw SinkException.retryable("cannot write to standard output");
            }
        }
    }
}
