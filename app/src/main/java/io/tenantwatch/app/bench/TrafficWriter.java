package io.tenantwatch.app.bench;

import io.tenantwatch.app.UsageException;
import io.tenantwatch.app.bench.traffic.TrafficGenerator;
import io.tenantwatch.app.bench.traffic.TrafficRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench --mode generate}: the traffic as a replayable file ({@code traffic.jsonl}, one record a
 * line), the simulated cluster's tenancy file ({@code tenancy.yaml}), and the attack events with the
 * detector each must raise ({@code attacks.tsv}).
 */
final class TrafficWriter {

    private final TrafficGenerator generator;

    TrafficWriter(TrafficGenerator generator) {
        this.generator = generator;
    }

    void write(Path dir, long events, PrintWriter err) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("--out " + dir + ": cannot create the directory (" + e.getMessage() + ")", e);
        }
        Path traffic = dir.resolve("traffic.jsonl");
        Path tenancy = dir.resolve("tenancy.yaml");
        Path attacks = dir.resolve("attacks.tsv");
        long written = 0;
        long records = 0;
        long attackEvents = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(traffic), 1 << 20);
                Writer expected = Files.newBufferedWriter(attacks, StandardCharsets.UTF_8)) {
            expected.write("# id\texpected detector (\"-\": part of an attack, no detector expected)\n");
            while (written < events) {
                TrafficRecord r = generator.next();
                out.write(r.bytes());
                out.write('\n');
                records++;
                for (TrafficRecord.Event e : r.events()) {
                    written++;
                    if (e.attack()) {
                        attackEvents++;
                        expected.write(e.id() + "\t" + (e.expected() == null ? "-" : e.expected()) + "\n");
                    }
                }
            }
            Files.writeString(tenancy, generator.model().tenancyYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--out " + dir + ": cannot write (" + e.getMessage() + ")", e);
        }
        err.println("bench: wrote " + written + " events in " + records + " records to " + traffic + " (" + attackEvents
                + " attack events, listed in " + attacks + "), and the tenancy file " + tenancy);
        err.println("replay them with: tenantwatch replay --tenancy " + tenancy + " --cluster " + "aks-bench"
                + " --stats " + traffic);
        err.flush();
    }
}
