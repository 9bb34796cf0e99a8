package io.tenantwatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * Test helper shared by every module (through the schemas test-jar): validates what the code
 * produces against the JSON Schema files that define the contracts.
 */
public final class ContractSchemas {

    public static final ContractSchemas ALERT = load("alert.schema.json");
    public static final ContractSchemas NORMALIZED_EVENT = load("normalized-event.schema.json");
    public static final ContractSchemas TENANCY_RECORD = load("tenancy-record.schema.json");

    private final JsonSchema schema;

    private ContractSchemas(JsonSchema schema) {
        this.schema = schema;
    }

    private static ContractSchemas load(String file) {
        try (InputStream in = ContractSchemas.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + file);
            }
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            return new ContractSchemas(factory.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validation problems of a record serialized the way the code writes it; empty when valid. */
    public List<String> problems(Object value) {
        return problemsOfJson(Json.mapper().valueToTree(value));
    }

    public List<String> problemsOfJson(JsonNode json) {
        Set<ValidationMessage> messages = schema.validate(json);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
