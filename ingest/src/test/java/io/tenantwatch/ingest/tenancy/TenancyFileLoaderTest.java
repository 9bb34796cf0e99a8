package io.tenantwatch.ingest.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
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
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown root key         | tenant: []                                                    | tenant: unknown key (expected one of namespaceLabels, tenants, platform, admins)",
                "unknown tenant key       | 'tenants:\n  - name: a\n    namespace: [a]'                   | tenants[0].namespace: unknown key",
                "tenant without a name    | 'tenants:\n  - namespaces: [a]'                               | tenants[0]: a tenant needs a name",
                "duplicate tenant         | 'tenants:\n  - name: a\n  - name: b\n  - name: a'             | tenants[2]: duplicate tenant name 'a' (also tenants[0])",
                "reserved name            | 'tenants:\n  - name: _platform'                               | tenants[0].name: '_platform' starts with '_', which is reserved",
                "bad glob                 | 'tenants:\n  - name: a\n    namespaces: [\"team [x]\"]'        | tenants[0].namespaces[0]: glob 'team [x]' has ' ' at 4",
                "scalar for a list        | 'tenants:\n  - name: a\n    users: alice'                     | tenants[0].users: must be a list of strings",
                "number for a string      | 'tenants:\n  - name: 42'                                      | tenants[0].name: must be a string, not number (quote it)",
                "list for a mapping       | 'platform: [monitoring]'                                      | platform: must be a mapping",
                "bad service account      | 'platform:\n  serviceAccounts: [ci:deployer]'                 | platform.serviceAccounts[0]: 'ci:deployer' is not of the form system:serviceaccount:<namespace>:<name>",
                "tenants not a list       | 'tenants:\n  name: a'                                         | tenants: must be a list of tenants",
                "yaml syntax              | 'tenants:\n  - name: a\n   namespaces: [a'                    | not valid YAML at line 3, column 4",
                "duplicate key            | 'admins: {}\nadmins: {}'                                      | admins: duplicate key at line 2",
                "empty file               | ''                                                            | the file is empty",
            })
    void rejectsWithOneLineNamingFileAndProblem(String what, String yaml, String problem) {
        assertThatThrownBy(() -> loader.parse("conf/tenancy.yaml", yaml.replace("\\n", "\n")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("conf/tenancy.yaml: ").contains(problem);
                    assertThat(e.getMessage()).doesNotContain("\n", "\r");
                });
    }

    @Test
    void anUnreadableFileIsOneLineToo(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read: NoSuchFileException");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceOneLineEach() {
        String yaml = """
                tenants:
                  - name: alpha
                    namespaces: ["team [x]"]
                  - name: alpha
                platform:
                  serviceAccounts: [ci:deployer]
                """;
        assertThatThrownBy(() -> loader.parse("conf/tenancy.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly(
                                "conf/tenancy.yaml: tenants[0].namespaces[0]: glob 'team [x]' has ' ' at 4"
                                        + " (only * and ? are special; no spaces, brackets or braces)",
                                "conf/tenancy.yaml: tenants[1]: duplicate tenant name 'alpha' (also tenants[0])",
                                "conf/tenancy.yaml: platform.serviceAccounts[0]: 'ci:deployer' is not of the form"
                                        + " system:serviceaccount:<namespace>:<name>"));
    }

    @Test
    void aBadEntryDoesNotHideTheProblemsAfterIt() {
        String yaml = """
                namespaceLabels: tenantwatch.io/tenant
                tenants:
                  - namespaces: [a]
                  - name: 42
                    users: [alice, 7]
                  - name: _platform
                    colour: blue
                admins: [breakglass]
                """;
        assertThatThrownBy(() -> loader.parse("t.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly(
                                "t.yaml: namespaceLabels: must be a list of strings (write [\"tenantwatch.io/tenant\"] for one entry)",
                                "t.yaml: tenants[0]: a tenant needs a name",
                                "t.yaml: tenants[1].name: must be a string, not number (quote it)",
                                "t.yaml: tenants[1].users[1]: must be a string, not number (quote it)",
                                "t.yaml: tenants[2].colour: unknown key (expected one of name, namespaces, users, groups, serviceAccounts, clusters)",
                                "t.yaml: tenants[2].name: '_platform' starts with '_', which is reserved (e.g. _platform)",
                                "t.yaml: admins: must be a mapping"));
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
        assertThat(loader.parse("t.yaml", yaml).warnings())
                .containsExactly(
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
        assertThat(loader.parse("t.yaml", yaml).warnings())
                .containsExactly(
                        "namespace 'monitoring' of tenant 'alpha' is also a platform namespace ('monitoring'); it belongs to the tenant",
                        "namespace glob 'kube-*' (e.g. 'kube-system') of tenant 'alpha' is also a platform namespace ('kube-system'); it belongs to the tenant",
                        "namespace glob 'kube-*' (e.g. 'kube-public') of tenant 'alpha' is also a platform namespace ('kube-public'); it belongs to the tenant",
                        "namespace glob 'kube-*' (e.g. 'kube-node-lease') of tenant 'alpha' is also a platform namespace ('kube-node-lease'); it belongs to the tenant");
    }

    /**
     * The complete example of the tenancy guide (the first yaml block of docs/tenancy.md) loads
     * without warnings and means what the guide says it means.
     */
    @Test
    void theExampleInTheTenancyGuideLoads() throws IOException {
        Path guide = RepositoryFiles.file("docs/tenancy.md");
        String doc = Files.readString(guide);
        int start = doc.indexOf("```yaml\n");
        assertThat(start).as("a ```yaml block in " + guide).isGreaterThanOrEqualTo(0);
        int from = start + "```yaml\n".length();
        String yaml = doc.substring(from, doc.indexOf("```", from));
        TenancyFile f = loader.parse("docs/tenancy.md", yaml);
        assertThat(f.warnings())
                .as("the guide's example claims no namespace twice")
                .isEmpty();

        TenancyConfig c = f.config();
        assertThat(c.namespaceLabels()).containsExactly("contoso.com/tenant", "capsule.clastix.io/tenant");
        assertThat(c.tenants()).extracting(TenancyConfig.Tenant::name).containsExactly("payments", "storefront", "ci");
        assertThat(c.tenants().get(0).clusters()).containsExactly("aks-prod-weu");
        assertThat(c.tenants().get(1).clusters()).isEmpty();
        assertThat(c.platform().namespaces()).contains("monitoring", "ingress-nginx", "cert-manager");

        StaticTenancy t = new StaticTenancy(c);
        String weu = "aks-prod-weu";
        String neu = "aks-prod-neu";
        // Namespaces: exact names and globs, per-tenant clusters, the platform, built-in defaults, unmapped.
        assertThat(t.namespace(weu, "payments"))
                .isEqualTo(new StaticTenancy.TenantMatch("payments", StaticTenancy.SOURCE_FILE));
        assertThat(t.namespace(weu, "payments-api"))
                .isEqualTo(new StaticTenancy.TenantMatch("payments", StaticTenancy.SOURCE_FILE));
        assertThat(t.namespace(neu, "payments-api"))
                .as("payments is scoped to aks-prod-weu")
                .isNull();
        assertThat(t.namespace(weu, "old-payments-api"))
                .as("a glob matches the whole name")
                .isNull();
        assertThat(t.namespace(neu, "storefront-web").tenant()).isEqualTo("storefront");
        assertThat(t.namespace(weu, "shop-web").tenant()).isEqualTo("storefront");
        assertThat(t.namespace(weu, "ci-runners").tenant()).isEqualTo("ci");
        assertThat(t.namespace(weu, "monitoring"))
                .isEqualTo(new StaticTenancy.TenantMatch(NamespaceTenancy.PLATFORM_TENANT, StaticTenancy.SOURCE_FILE));
        assertThat(t.namespace(weu, "kube-system"))
                .isEqualTo(new StaticTenancy.TenantMatch(
                        NamespaceTenancy.PLATFORM_TENANT, StaticTenancy.SOURCE_PLATFORM_DEFAULT));
        assertThat(t.namespace(weu, "sandbox-jdoe")).isNull();
        assertThat(t.conflicts(weu, "payments-api")).isEmpty();

        // Identities: UPNs in any case, Entra object ids, groups, service accounts outside the tenant's namespaces.
        assertThat(tenantsOfUser(t, weu, "Maria.Garcia@Contoso.com", null)).containsExactly("payments");
        assertThat(tenantsOfUser(t, neu, "maria.garcia@contoso.com", null))
                .as("payments is scoped to aks-prod-weu")
                .isEmpty();
        assertThat(tenantsOfUser(
                        t,
                        weu,
                        "jdoe_fabrikam.com#EXT#@contoso.onmicrosoft.com",
                        "0B7C4A55-2F0E-4A3D-9C61-5E8D2F1A7B90"))
                .containsExactly("payments");
        Set<String> groups = new TreeSet<>();
        t.tenantsOfGroup(neu, "c3a8f1d4-6e2b-4a9c-8d7f-1b5e0a3c9d62", groups);
        assertThat(groups).containsExactly("storefront");
        Set<String> runner = new TreeSet<>();
        t.tenantsOfServiceAccount(weu, "system:serviceaccount:ci-runners:payments-runner", runner);
        assertThat(runner).containsExactly("payments");

        // The platform's automation and the break-glass admins.
        assertThat(t.isPlatformServiceAccount("system:serviceaccount:ci-runners:platform-runner"))
                .isTrue();
        assertThat(t.isPlatformServiceAccount("system:serviceaccount:ci-runners:payments-runner"))
                .isFalse();
        assertThat(t.isPlatformUser("7a2e9c14-5b8d-4f3a-9e06-d1c4b8a2f5e7", null))
                .isTrue();
        assertThat(t.isAdminUser("BreakGlass-AKS@contoso.com", null)).isTrue();
        assertThat(t.isAdminGroup("e8d2a6b4-1c9f-4e3a-b7d5-0f6a2c8e4b19")).isTrue();
        assertThat(t.isAdminUser("maria.garcia@contoso.com", null)).isFalse();
    }

    private static Set<String> tenantsOfUser(StaticTenancy t, String cluster, String username, String objectId) {
        Set<String> tenants = new TreeSet<>();
        t.tenantsOfUser(cluster, username, objectId, tenants);
        return tenants;
    }
}
