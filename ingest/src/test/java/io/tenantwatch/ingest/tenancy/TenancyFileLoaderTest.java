package io.tenantwatch.ingest.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.schemas.TenancyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenancyFileLoaderTest {

    private static final String GOOD = """
            namespaceLabels: [tenantwatch.io/tenant, capsule.clastix.io/tenant]
            tenants:
              - name: alpha
                namespaces: ["alpha", "alpha-*"]
                users: ["alice@contoso.com"]
                groups: ["6f1c0000-0000-0000-0000-000000000001"]
                serviceAccounts: ["system:serviceaccount:ci:alpha-deployer"]
                clusters: []
              - name: beta
                namespaces: [beta]
            platform:
              namespaces: ["monitoring", "ingress-nginx", "cert-manager"]
              users: []
              groups: []
              serviceAccounts: ["system:serviceaccount:flux-system:kustomize-controller"]
            admins:
              users: [breakglass@contoso.com]
              groups: []
            """;

    private final TenancyFileLoader loader = new TenancyFileLoader();

    @Test
    void loadsAGoodFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tenancy.yaml");
        Files.writeString(file, GOOD);
        TenancyFile loaded = loader.load(file);
        TenancyConfig c = loaded.config();
        assertThat(c.namespaceLabels()).containsExactly("tenantwatch.io/tenant", "capsule.clastix.io/tenant");
        assertThat(c.tenants()).hasSize(2);
        TenancyConfig.Tenant alpha = c.tenants().get(0);
        assertThat(alpha.name()).isEqualTo("alpha");
        assertThat(alpha.namespaces()).containsExactly("alpha", "alpha-*");
        assertThat(alpha.users()).containsExactly("alice@contoso.com");
        assertThat(alpha.serviceAccounts()).containsExactly("system:serviceaccount:ci:alpha-deployer");
        assertThat(c.tenants().get(1).users()).isEmpty();
        assertThat(c.platform().namespaces()).containsExactly("monitoring", "ingress-nginx", "cert-manager");
        assertThat(c.admins().users()).containsExactly("breakglass@contoso.com");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void missingSectionsAreEmptyAndDefaultsApply() throws Exception {
        TenancyConfig c = loader.parse("t.yaml", "tenants:\n  - name: solo\n").config();
        assertThat(c.namespaceLabels()).isEqualTo(TenancyConfig.DEFAULT_NAMESPACE_LABELS);
        assertThat(c.platform().namespaces()).isEmpty();
        assertThat(c.admins().groups()).isEmpty();
        assertThat(c.tenants().get(0).namespaces()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown root key         | tenant: []                                                    | unknown key 'tenant' (expected one of namespaceLabels, tenants, platform, admins)",
            "unknown tenant key       | 'tenants:\n  - name: a\n    namespace: [a]'                   | unknown key 'namespace' in tenants[0]",
            "tenant without a name    | 'tenants:\n  - namespaces: [a]'                               | tenants[0]: a tenant needs a name",
            "duplicate tenant         | 'tenants:\n  - name: a\n  - name: b\n  - name: a'             | tenants[2]: duplicate tenant name 'a' (also tenants[0])",
            "reserved name            | 'tenants:\n  - name: _platform'                               | starts with '_', which is reserved",
            "bad glob                 | 'tenants:\n  - name: a\n    namespaces: [\"team [x]\"]'        | tenants[0].namespaces[0]: glob 'team [x]' has ' ' at 4",
            "scalar for a list        | 'tenants:\n  - name: a\n    users: alice'                     | tenants[0].users must be a list of strings",
            "number for a string      | 'tenants:\n  - name: 42'                                      | tenants[0].name must be a string, not number (quote it)",
            "list for a mapping       | 'platform: [monitoring]'                                      | platform must be a mapping",
            "bad service account      | 'platform:\n  serviceAccounts: [ci:deployer]'                 | platform.serviceAccounts[0]: 'ci:deployer' is not of the form system:serviceaccount:<namespace>:<name>",
            "tenants not a list       | 'tenants:\n  name: a'                                         | tenants must be a list of tenants",
            "yaml syntax              | 'tenants:\n  - name: a\n   namespaces: [a'                    | YAML syntax error at line",
            "duplicate key            | 'admins: {}\nadmins: {}'                                      | YAML syntax error at line 2",
            "empty file               | ''                                                            | the file is empty",
    })
    void rejectsWithOneLineNamingFileAndProblem(String what, String yaml, String problem) {
        assertThatThrownBy(() -> loader.parse("conf/tenancy.yaml", yaml.replace("\\n", "\n")))
                .isInstanceOf(TenancyFileException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("conf/tenancy.yaml: ").contains(problem);
                    assertThat(e.getMessage()).doesNotContain("\n", "\r");
                });
    }

    @Test
    void anUnreadableFileIsOneLineToo(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader.load(missing)).isInstanceOf(TenancyFileException.class)
                .hasMessageStartingWith(missing + ": cannot read the file (NoSuchFileException");
    }

    @Test
    void warnsAboutOverlapsBetweenTenants() throws Exception {
        String yaml = """
                tenants:
                  - name: alpha
                    namespaces: ["team-*", "shared"]
                  - name: beta
                    namespaces: ["*-prod", "shared", "team-beta"]
                  - name: gamma
                    namespaces: ["gamma-?"]
                    clusters: [eu]
                  - name: delta
                    namespaces: ["gamma-?"]
                    clusters: [us]
                """;
        assertThat(loader.parse("t.yaml", yaml).warnings()).containsExactly(
                "namespace glob 'team-*' (e.g. 'team-prod') of tenant 'alpha' and glob '*-prod' (e.g. 'team-prod') of tenant 'beta' overlap; 'alpha' wins (first in the file)",
                "namespace glob 'team-*' (e.g. 'team-beta') of tenant 'alpha' and 'team-beta' of tenant 'beta' overlap; 'beta' wins (an exact name beats a glob)",
                "namespace 'shared' of tenant 'alpha' and 'shared' of tenant 'beta' overlap; 'alpha' wins (first in the file)");
    }

    @Test
    void warnsAboutNamespacesOfATenantAndThePlatform() throws Exception {
        String yaml = """
                tenants:
                  - name: alpha
                    namespaces: ["monitoring", "kube-*"]
                platform:
                  namespaces: ["monitoring"]
                """;
        assertThat(loader.parse("t.yaml", yaml).warnings()).containsExactly(
                "namespace 'monitoring' of tenant 'alpha' is also a platform namespace ('monitoring'); it belongs to the tenant",
                "namespace glob 'kube-*' (e.g. 'kube-system') of tenant 'alpha' is also a platform namespace ('kube-system'); it belongs to the tenant",
                "namespace glob 'kube-*' (e.g. 'kube-public') of tenant 'alpha' is also a platform namespace ('kube-public'); it belongs to the tenant",
                "namespace glob 'kube-*' (e.g. 'kube-node-lease') of tenant 'alpha' is also a platform namespace ('kube-node-lease'); it belongs to the tenant");
    }

    @Test
    void theExampleInTheDesignDocLoads() throws IOException, TenancyFileException {
        String doc = Files.readString(io.tenantwatch.ingest.Corpus.dir().resolveSibling("design").resolve("FORMATS.md"));
        String yaml = doc.substring(doc.indexOf("```yaml") + 7, doc.indexOf("```", doc.indexOf("```yaml") + 7));
        TenancyFile f = loader.parse("FORMATS.md", yaml);
        assertThat(f.config().tenants()).extracting(TenancyConfig.Tenant::name).containsExactly("alpha");
    }
}
