package io.tenantwatch.app.reliability;

import io.tenantwatch.schemas.Json;
import io.tenantwatch.testkit.events.PodExecEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Records that real feeds and hostile senders produce and that no reader may choke on, each with
 * the reason it must be skipped or rejected (docs/formats.md, "Rejection and skip reasons"). None holds
 * a newline, so each is one line of a replayed file.
 */
final class PoisonCorpus {

    /** A poison record and the reason label it must be counted under. */
    record Poison(String name, byte[] bytes, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String AKS_ID = "/SUBSCRIPTIONS/BFC31CC5-D3BD-4B36-A40E-D13688D546EC/RESOURCEGROUPS/RG"
            + "/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/POISON";

    private PoisonCorpus() {}

    static List<Poison> all() {
        List<Poison> all = new ArrayList<>();
        all.add(new Poison(
                "AKS record whose log was cut at 16 KiB",
                utf8(aksRecord("kube-audit", bigEvent(40_000).substring(0, 16 * 1024))),
                "truncated"));
        all.add(new Poison(
                "AKS record of another category with a klog line",
                utf8(
                        aksRecord(
                                "kube-apiserver",
                                "I0109 21:24:54.000000       1 trace.go:205] Trace[1]: \"List\" url:/api/v1/pods (total time: 742ms)\n")),
                "other-category"));
        all.add(new Poison(
                "a bare klog line",
                utf8("E0109 21:24:54.123456       1 status.go:71] apiserver received an error"),
                "invalid-json"));
        all.add(new Poison("binary garbage", garbage(4096), "invalid-utf8"));
        all.add(new Poison("invalid UTF-8 in a string", invalidUtf8(), "invalid-utf8"));
        all.add(new Poison("a 10 MB event", utf8(bigEvent(10 * 1024 * 1024)), "oversize"));
        all.add(new Poison("200,000-deep nesting", deep(200_000), "too-deep"));
        all.add(new Poison("kind of the wrong type (Falco's FAL-01-003)", utf8("{\"kind\": 0}"), "bad-field-type"));
        all.add(new Poison(
                "verb of the wrong type",
                utf8(PodExecEvents.exec("wrong-type", 1).replace("\"verb\":\"create\"", "\"verb\":12")),
                "bad-field-type"));
        all.add(new Poison(
                "an Event without auditID",
                utf8(PodExecEvents.exec("x", 1).replace("\"auditID\":\"x\",", "")),
                "missing-field"));
        all.add(new Poison("JSON of no known kind", utf8("{\"hello\":\"world\",\"count\":3}"), "unrecognized-format"));
        return all;
    }

    /** An audit Event padded with a ConfigMap body of about {@code size} bytes. */
    static String bigEvent(int size) {
        char[] filler = new char[size];
        Arrays.fill(filler, 'x');
        return PodExecEvents.exec("big-" + size, 2)
                .replace(
                        "\"annotations\"",
                        "\"requestObject\":{\"kind\":\"ConfigMap\",\"data\":{\"blob\":\"" + new String(filler)
                                + "\"}},\"annotations\"");
    }

    static String aksRecord(String category, String log) {
        try {
            return "{\"records\":[{\"operationName\":\"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read\","
                    + "\"category\":\"" + category + "\",\"resourceId\":\"" + AKS_ID + "\",\"properties\":{\"log\":"
                    + Json.mapper().writeValueAsString(log)
                    + ",\"stream\":\"stdout\",\"pod\":\"kube-apiserver-5c8f9d7b6-x2x9z\"},"
                    + "\"time\":\"2026-11-20T09:00:00Z\"}]}";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] garbage(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        bytes[0] = (byte) 0x8f;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = 0;
            }
        }
        return bytes;
    }

    private static byte[] invalidUtf8() {
        byte[] event = utf8(PodExecEvents.exec("bad-utf8", 3).replace("dave@fabrikam.com", "dave@fabrikam.com#!"));
        int at = new String(event, StandardCharsets.ISO_8859_1).indexOf('#');
        event[at] = (byte) 0xC3;
        event[at + 1] = (byte) 0x28; // 0xC3 must be followed by a continuation byte; '(' is not one
        return event;
    }

    private static byte[] deep(int depth) {
        byte[] bytes = new byte[depth * 2];
        Arrays.fill(bytes, 0, depth, (byte) '[');
        Arrays.fill(bytes, depth, depth * 2, (byte) ']');
        return bytes;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
