package io.tenantwatch.ingest.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Glob;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyConfig.Admins;
import io.tenantwatch.schemas.TenancyConfig.Platform;
import io.tenantwatch.schemas.TenancyConfig.Tenant;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigFiles;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads and validates the static tenancy file (docs/tenancy.md) into a
 * {@link TenancyConfig}. A file that cannot be used raises a {@link ConfigException} with one line
 * per problem, each naming the file and the path of the entry: a YAML syntax error (with its line),
 * an unknown or duplicate key, a value of the wrong type, a tenant without a name or with a name
 * already used, an invalid glob or service account. Every problem of the file is reported at once
 * (a syntax error or a duplicate key ends the reading, since nothing after it can be trusted).
 * Overlaps that the resolution rules settle are returned as warnings. Thread-safe.
 */
public final class TenancyFileLoader {

    static final List<String> ROOT_KEYS = List.of("namespaceLabels", "tenants", "platform", "admins");
    static final List<String> TENANT_KEYS =
            List.of("name", "namespaces", "users", "groups", "serviceAccounts", "clusters");
    static final List<String> PLATFORM_KEYS = List.of("namespaces", "users", "groups", "serviceAccounts");
    static final List<String> ADMIN_KEYS = List.of("users", "groups");
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    public TenancyFile load(Path file) throws ConfigException {
        return parse(file.toString(), ConfigFiles.read(file));
    }

    /** @param name how messages name the file */
    public TenancyFile parse(String name, String text) throws ConfigException {
        JsonNode root = ConfigFiles.parseYaml(name, text);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw ConfigException.of(name, "the file is empty (expected a mapping with tenants, platform and admins)");
        }
        ConfigProblems problems = new ConfigProblems(name);
        TenancyConfig config = new Reading(problems).config(root);
        problems.throwIfAny();
        return new TenancyFile(config, TenancyOverlaps.warnings(config));
    }

    /** One reading of one file: what is good is kept, every problem is collected. */
    private static final class Reading {

        private final ConfigProblems problems;
        private final YamlNodes yaml;

        Reading(ConfigProblems problems) {
            this.problems = problems;
            this.yaml = new YamlNodes(problems);
        }

        TenancyConfig config(JsonNode root) {
            if (!root.isObject()) {
                problems.add(null, "the top level must be a mapping (" + String.join(", ", ROOT_KEYS) + ")");
                return TenancyConfig.EMPTY;
            }
            JsonNode top = yaml.mapping(root, "", ROOT_KEYS);
            List<String> labels = yaml.strings(top, "namespaceLabels", "");
            List<Tenant> tenants = tenants(top.get("tenants"));
            JsonNode platformNode = yaml.mapping(top.get("platform"), "platform", PLATFORM_KEYS);
            Platform platform = new Platform(
                    globs(platformNode, "platform"),
                    yaml.strings(platformNode, "users", "platform"),
                    yaml.strings(platformNode, "groups", "platform"),
                    serviceAccounts(platformNode, "platform"));
            JsonNode adminsNode = yaml.mapping(top.get("admins"), "admins", ADMIN_KEYS);
            Admins admins = new Admins(
                    yaml.strings(adminsNode, "users", "admins"), yaml.strings(adminsNode, "groups", "admins"));
            return new TenancyConfig(labels, tenants, platform, admins);
        }

        private List<Tenant> tenants(JsonNode tenantsNode) {
            List<Tenant> tenants = new ArrayList<>();
            if (tenantsNode == null || tenantsNode.isNull()) {
                return tenants;
            }
            if (!tenantsNode.isArray()) {
                problems.add("tenants", "must be a list of tenants (each a mapping with a name)");
                return tenants;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < tenantsNode.size(); i++) {
                Tenant t = tenant(tenantsNode.get(i), "tenants[" + i + "]");
                if (t == null) {
                    continue;
                }
                Integer before = seen.putIfAbsent(t.name(), i);
                if (before != null) {
                    problems.add(
                            "tenants[" + i + "]",
                            "duplicate tenant name '" + t.name() + "' (also tenants[" + before + "])");
                }
                tenants.add(t);
            }
            return tenants;
        }

        /** The tenant, or null when it has no usable name (its other problems are collected all the same). */
        private Tenant tenant(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                problems.add(path, "must be a mapping with a name");
                return null;
            }
            yaml.mapping(node, path, TENANT_KEYS);
            String name = null;
            if (node.get("name") == null || node.get("name").isNull()) {
                problems.add(path, "a tenant needs a name");
            } else {
                name = yaml.string(node.get("name"), path + ".name");
            }
            if (name != null && name.startsWith("_")) {
                problems.add(path + ".name", "'" + name + "' starts with '_', which is reserved (e.g. _platform)");
            }
            Tenant tenant = new Tenant(
                    name,
                    globs(node, path),
                    yaml.strings(node, "users", path),
                    yaml.strings(node, "groups", path),
                    serviceAccounts(node, path),
                    yaml.strings(node, "clusters", path));
            return name == null ? null : tenant;
        }

        private List<String> globs(JsonNode parent, String path) {
            List<String> patterns = yaml.strings(parent, "namespaces", path);
            for (int i = 0; i < patterns.size(); i++) {
                try {
                    Glob.compile(patterns.get(i));
                } catch (IllegalArgumentException e) {
                    problems.add(path + ".namespaces[" + i + "]", e.getMessage());
                }
            }
            return patterns;
        }

        private List<String> serviceAccounts(JsonNode parent, String path) {
            List<String> accounts = yaml.strings(parent, "serviceAccounts", path);
            for (int i = 0; i < accounts.size(); i++) {
                String sa = accounts.get(i);
                String rest =
                        sa.startsWith(SERVICE_ACCOUNT_PREFIX) ? sa.substring(SERVICE_ACCOUNT_PREFIX.length()) : "";
                int colon = rest.indexOf(':');
                if (colon <= 0 || colon == rest.length() - 1 || rest.indexOf(':', colon + 1) >= 0) {
                    problems.add(
                            path + ".serviceAccounts[" + i + "]",
                            "'" + sa + "' is not of the form system:serviceaccount:<namespace>:<name>");
                }
            }
            return accounts;
        }
    }
}
