package io.tenantwatch.ingest.tenancy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantwatch.ingest.tenancy.YamlNodes.Problem;
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyConfig.Admins;
import io.tenantwatch.schemas.TenancyConfig.Platform;
import io.tenantwatch.schemas.TenancyConfig.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads and validates the static tenancy file (docs/tenancy.md) into a
 * {@link TenancyConfig}. A file that cannot be used raises a {@link TenancyFileException} whose
 * message is one line naming the file and the problem: a YAML syntax error (with its line), an
 * unknown or duplicate key, a value of the wrong type, a tenant without a name or with a name
 * already used, an invalid glob or service account. Overlaps that the resolution rules settle are
 * returned as warnings. Thread-safe.
 */
public final class TenancyFileLoader {

    static final List<String> ROOT_KEYS = List.of("namespaceLabels", "tenants", "platform", "admins");
    static final List<String> TENANT_KEYS = List.of("name", "namespaces", "users", "groups", "serviceAccounts", "clusters");
    static final List<String> PLATFORM_KEYS = List.of("namespaces", "users", "groups", "serviceAccounts");
    static final List<String> ADMIN_KEYS = List.of("users", "groups");
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    public TenancyFile load(Path file) throws TenancyFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TenancyFileException(file.toString(), "cannot read the file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return parse(file.toString(), text);
    }

    /** @param name how messages name the file */
    public TenancyFile parse(String name, String text) throws TenancyFileException {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TenancyFileException(name, syntaxError(e));
        }
        try {
            TenancyConfig config = toConfig(root);
            return new TenancyFile(config, TenancyOverlaps.warnings(config));
        } catch (Problem p) {
            throw new TenancyFileException(name, p.getMessage());
        }
    }

    private static TenancyConfig toConfig(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new Problem("the file is empty (expected a mapping with tenants, platform and admins)");
        }
        JsonNode top = YamlNodes.mapping(root, "", ROOT_KEYS);
        List<String> labels = YamlNodes.strings(top, "namespaceLabels", "");
        JsonNode tenantsNode = top.get("tenants");
        List<Tenant> tenants = new ArrayList<>();
        if (tenantsNode != null && !tenantsNode.isNull()) {
            if (!tenantsNode.isArray()) {
                throw new Problem("tenants must be a list of tenants (each a mapping with a name)");
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < tenantsNode.size(); i++) {
                Tenant t = tenant(tenantsNode.get(i), "tenants[" + i + "]");
                Integer before = seen.putIfAbsent(t.name(), i);
                if (before != null) {
                    throw new Problem("tenants[" + i + "]: duplicate tenant name '" + t.name() + "' (also tenants[" + before + "])");
                }
                tenants.add(t);
            }
        }
        JsonNode platformNode = YamlNodes.mapping(top.get("platform"), "platform", PLATFORM_KEYS);
        Platform platform = new Platform(globs(platformNode, "platform"), YamlNodes.strings(platformNode, "users", "platform"),
                YamlNodes.strings(platformNode, "groups", "platform"), serviceAccounts(platformNode, "platform"));
        JsonNode adminsNode = YamlNodes.mapping(top.get("admins"), "admins", ADMIN_KEYS);
        Admins admins = new Admins(YamlNodes.strings(adminsNode, "users", "admins"), YamlNodes.strings(adminsNode, "groups", "admins"));
        return new TenancyConfig(labels, tenants, platform, admins);
    }

    private static Tenant tenant(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new Problem(path + " must be a mapping with a name");
        }
        YamlNodes.mapping(node, path, TENANT_KEYS);
        if (node.get("name") == null || node.get("name").isNull()) {
            throw new Problem(path + ": a tenant needs a name");
        }
        String name = YamlNodes.string(node.get("name"), path + ".name");
        if (name.startsWith("_")) {
            throw new Problem(path + ".name '" + name + "' starts with '_', which is reserved (e.g. _platform)");
        }
        return new Tenant(name, globs(node, path), YamlNodes.strings(node, "users", path), YamlNodes.strings(node, "groups", path),
                serviceAccounts(node, path), YamlNodes.strings(node, "clusters", path));
    }

    private static List<String> globs(JsonNode parent, String path) {
        List<String> patterns = YamlNodes.strings(parent, "namespaces", path);
        for (int i = 0; i < patterns.size(); i++) {
            try {
                Glob.compile(patterns.get(i));
            } catch (IllegalArgumentException e) {
                throw new Problem(path + ".namespaces[" + i + "]: " + e.getMessage());
            }
        }
        return patterns;
    }

    private static List<String> serviceAccounts(JsonNode parent, String path) {
        List<String> accounts = YamlNodes.strings(parent, "serviceAccounts", path);
        for (int i = 0; i < accounts.size(); i++) {
            String sa = accounts.get(i);
            String rest = sa.startsWith(SERVICE_ACCOUNT_PREFIX) ? sa.substring(SERVICE_ACCOUNT_PREFIX.length()) : "";
            int colon = rest.indexOf(':');
            if (colon <= 0 || colon == rest.length() - 1 || rest.indexOf(':', colon + 1) >= 0) {
                throw new Problem(path + ".serviceAccounts[" + i + "]: '" + sa
                        + "' is not of the form system:serviceaccount:<namespace>:<name>");
            }
        }
        return accounts;
    }

    /** SnakeYAML's message spans several lines (with a caret drawing); its first line and the position are enough. */
    private static String syntaxError(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage()).strip();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline).strip();
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return "YAML syntax error" + where + ": " + first;
    }
}
