package io.tenantwatch.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tenantwatch.ingest.json.JsonSupport;
import io.tenantwatch.ingest.json.SensitiveFields;
import io.tenantwatch.schemas.redact.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The copy of a rejected record that may go to the dead-letter topic. Rejected records are exactly
 * the ones we could not vet, and the biggest of them (AKS logs cut at 16 KiB) are RequestResponse
 * events of Secrets and ConfigMaps. So the copy is re-tokenized and fails closed: values of
 * {@link SensitiveFields} become {@value #PLACEHOLDER}; a string that holds JSON (an AKS
 * {@code log}, whatever precedes its first brace: a byte-order mark, spaces, a log prefix) is
 * re-tokenized the same way, and what of it cannot be tokenized is left out, never copied; every
 * other string goes through {@link Redaction} (request URIs and command lines as such); what
 * follows a syntax error is dropped and open objects and arrays are closed. Rejections are rare,
 * so this costs nothing on the hot path.
 */
final class DlqRedactor {

    static final String PLACEHOLDER = "[redacted]";
    private static final Set<String> URI_FIELDS = Set.of("requestURI", "ka.uri");
    private static final Set<String> COMMAND_LINE_FIELDS =
            Set.of("proc.cmdline", "proc.pcmdline", "proc.args", "ka.uri.param[command]", "output");

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
                if (t == JsonToken.VALUE_STRING) {
                    g.writeString(redactString(p.currentName(), p.getText()));
                } else {
                    g.copyCurrentEvent(p);
                }
            }
        } catch (IOException e) {
            // A syntax error, a cut or a depth overflow: the rest cannot be vetted, so it is left out.
        }
    }

    private String redactString(String field, String text) {
        int brace = firstJsonStart(text);
        if (brace >= 0) {
            // JSON inside a string (an AKS log): what precedes it is text, the rest is re-tokenized.
            return Redaction.text(text.substring(0, brace)) + redactEmbedded(text.substring(brace));
        }
        if (field != null && URI_FIELDS.contains(field)) {
            return Redaction.requestUri(text);
        }
        if (field != null && COMMAND_LINE_FIELDS.contains(field)) {
            return Redaction.commandLine(text);
        }
        return Redaction.text(text);
    }

    /** Where JSON starts in a string ({@code {"} or {@code [{}, after any spaces), or -1. */
    private static int firstJsonStart(String text) {
        for (int i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
            int next = i + 1;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            if (next < text.length() && (text.charAt(next) == '"' || text.charAt(next) == '}')) {
                int start = i;
                while (start > 0 && (text.charAt(start - 1) == '[' || Character.isWhitespace(text.charAt(start - 1)))) {
                    start--;
                }
                return start < i && text.charAt(start) == '[' ? start : i;
            }
        }
        return -1;
    }

    private String redactEmbedded(String jsonText) {
        byte[] inner = jsonText.getBytes(StandardCharsets.UTF_8);
        return new String(copy(inner, 0, inner.length), StandardCharsets.UTF_8);
    }
}
