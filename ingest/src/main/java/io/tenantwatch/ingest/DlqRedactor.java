package io.tenantwatch.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tenantwatch.ingest.json.JsonSupport;
import io.tenantwatch.ingest.json.SensitiveFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The copy of a rejected record that may go to the dead-letter topic. Rejected records are exactly
 * the ones we could not vet, and the biggest of them (AKS logs cut at 16 KiB) are RequestResponse
 * events of Secrets and ConfigMaps. So the copy is re-tokenized: values of {@link SensitiveFields}
 * become {@code "[redacted]"}, an AKS {@code log} string holding JSON is redacted the same way, and
 * what follows a syntax error (which cannot be tokenized, so cannot be vetted) is dropped; open
 * objects and arrays are closed. Rejections are rare, so this costs nothing on the hot path.
 */
final class DlqRedactor {

    static final String PLACEHOLDER = "[redacted]";

    private final JsonSupport json;

    DlqRedactor(JsonSupport json) {
        this.json = json;
    }

    byte[] copy(byte[] bytes, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, 64 * 1024) + 16);
        try (JsonGenerator g = json.generator(out)) {
            copyRedacted(bytes, offset, length, g);
        } catch (IOException e) {
            // Only the generator can get here (closing open structures); the copy so far stands.
        }
        return out.toByteArray();
    }

    private void copyRedacted(byte[] bytes, int offset, int length, JsonGenerator g) throws IOException {
        // A field name is written together with its value, so that a failure in between cannot
        // leave the generator unable to close the object.
        String pendingName = null;
        try (JsonParser p = json.parser(bytes, offset, length)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (SensitiveFields.isSensitive(name)) {
                        p.nextToken();
                        p.skipChildren();
                        g.writeStringField(name, PLACEHOLDER);
                    } else {
                        pendingName = name;
                    }
                    continue;
                }
                p.finishToken(); // strings are decoded lazily: a cut inside one must fail before anything is written
                if (pendingName != null) {
                    g.writeFieldName(pendingName);
                    pendingName = null;
                }
                if (t == JsonToken.VALUE_STRING && "log".equals(p.currentName()) && p.getText().startsWith("{")) {
                    g.writeString(redactEmbedded(p.getText()));
                } else {
                    g.copyCurrentEvent(p);
                }
            }
        } catch (IOException e) {
            // A syntax error, a cut or a depth overflow: the rest cannot be vetted, so it is left out.
        }
    }

    private String redactEmbedded(String jsonText) {
        byte[] inner = jsonText.getBytes(StandardCharsets.UTF_8);
        return new String(copy(inner, 0, inner.length), StandardCharsets.UTF_8);
    }
}
