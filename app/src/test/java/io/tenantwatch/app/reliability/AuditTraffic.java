package io.tenantwatch.app.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Audit events whose alerts a test can count: each an exec into a pod of namespace {@code default}
 * by someone of no tenant, which raises exactly one {@code pod-exec} naming its auditID; and the
 * receivers' HTTP calls.
 */
final class AuditTraffic {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AuditTraffic() {}

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    static String exec(String auditId, int i) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\",\"auditID\":\"" + auditId + "\","
                + "\"stage\":\"ResponseStarted\",\"requestURI\":\"/api/v1/namespaces/default/pods/web-" + i + "/exec?command=sh\","
                + "\"verb\":\"create\",\"user\":{\"username\":\"dave@fabrikam.com\",\"groups\":[\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"192.168.99.1\"],\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"default\",\"name\":\"web-" + i
                + "\",\"apiVersion\":\"v1\",\"subresource\":\"exec\"},\"responseStatus\":{\"metadata\":{},\"code\":101},"
                + "\"requestReceivedTimestamp\":\"2026-11-20T09:00:00.000000Z\",\"stageTimestamp\":\"2026-11-20T09:"
                + String.format(Locale.ROOT, "%02d:%02d", (i / 60) % 60, i % 60) + ".000000Z\","
                + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":\"\"}}";
    }

    static String eventList(List<String> ids, int from, int to) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(exec(ids.get(i), i));
        }
        return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[" + String.join(",", items) + "]}";
    }

    static HttpResponse<String> post(int port, String path, String token, String contentType, byte[] body)
            throws java.io.IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(int port, String path, String token, String body) throws java.io.IOException, InterruptedException {
        return post(port, path, token, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
