package io.tenantwatch.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends the bundled scenario to the service's HTTP receivers the way a cluster would: audit
 * events and AKS bodies to {@code /v1/audit/{cluster}}, Falco alerts to {@code /v1/falco/{cluster}},
 * one request per line, and adds up what the receivers answered.
 */
final class ScenarioFeeder {

    /** What the receivers said about the records sent. */
    record Receipts(long records, long accepted, Map<String, Long> reasons) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUri;
    private final String token;

    ScenarioFeeder(String baseUri, String token) {
        this.baseUri = baseUri;
        this.token = token;
    }

    Receipts feed(InputStream scenario, String cluster) throws IOException, InterruptedException {
        long records = 0;
        long accepted = 0;
        Map<String, Long> reasons = new TreeMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(scenario, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String endpoint =
                        line.contains("\"rule\"") && line.contains("\"priority\"") ? "/v1/falco/" : "/v1/audit/";
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUri + endpoint + cluster))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(line))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("the receiver answered " + response.statusCode() + ": " + response.body());
                }
                JsonNode receipt = Json.mapper().readTree(response.body());
                long acceptedHere = receipt.path("accepted").asLong();
                accepted += acceptedHere;
                records += acceptedHere
                        + receipt.path("skipped").asLong()
                        + receipt.path("rejected").asLong();
                receipt.path("reasons")
                        .fields()
                        .forEachRemaining(
                                e -> reasons.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            }
        }
        return new Receipts(records, accepted, reasons);
    }
}
