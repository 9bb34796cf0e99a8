package io.tenantwatch.schemas;

import java.util.List;
import java.util.Map;

/** What a Falco alert says, minus the free-text output. {@code fields} is Falco's output_fields. */
public record FalcoFacts(
        String rule, String priority, List<String> tags, String hostname, String uuid, Map<String, Object> fields) {

    public FalcoFacts {
        tags = tags == null ? List.of() : List.copyOf(tags);
        fields = fields == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
}
