package io.tenantwatch.schemas.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The one reading step of every operator YAML file, before each loader checks what the tree
 * means. It refuses a key given twice in one mapping: YAML would keep the last and silently drop
 * the other block (a second {@code exceptions:} list, a second hub), so an operator's exceptions
 * or settings would vanish without a word. Every problem is a {@link ConfigException} line naming
 * the file: cannot read, not valid YAML (with line and column), or a duplicate key (with its path
 * and line). Reading stops at such a problem, since nothing after it can be trusted.
 */
public final class ConfigFiles {

    /** Jackson's wording of a duplicate under {@link JsonParser.Feature#STRICT_DUPLICATE_DETECTION}. */
    private static final String DUPLICATE = "Duplicate field '";

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigFiles() {}

    /**
     * @return the file's tree; an empty file gives a missing or null node, which each loader judges
     * @throws ConfigException naming the file and why it cannot be read as YAML
     */
    public static JsonNode readYaml(Path file) throws ConfigException {
        return parseYaml(file.toString(), read(file));
    }

    /**
     * @param source how lines name the text (a file name, an option)
     * @throws ConfigException naming {@code source} and why the text is not YAML
     */
    public static JsonNode parseYaml(String source, String text) throws ConfigException {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw problem(source, e);
        }
    }

    /** @throws ConfigException {@code FILE: cannot read: NoSuchFileException …} */
    public static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigException.of(
                    file.toString(),
                    "cannot read: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
    }

    private static ConfigException problem(String source, JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        JsonLocation at = e.getLocation();
        if (message.startsWith(DUPLICATE) && e instanceof StreamReadException s && s.getProcessor() != null) {
            String line = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr();
            return new ConfigProblems(source)
                    .add(
                            path(s.getProcessor().getParsingContext()),
                            "duplicate key" + line + " (YAML would keep only the last; write it once)")
                    .exception(e);
        }
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return ConfigException.of(
                    source,
                    "not valid YAML at line " + (mark.getLine() + 1) + ", column "
                            + (mark.getColumn() + 1) + ": " + yaml.getProblem()
                            + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")"),
                    e);
        }
        String first = message.strip().lines().findFirst().orElse("");
        String where =
                at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return ConfigException.of(source, "not valid YAML" + where + ": " + first, e);
    }

    /** A parser's position as loaders name entries: {@code tenants.alpha.exceptions}, {@code rules[0].id}. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push((c.getParent() == null || c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return String.join("", parts);
    }
}
