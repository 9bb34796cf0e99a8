package io.tenantwatch.app.bench.traffic;

import io.tenantwatch.ingest.tenancy.TenancyFileLoader;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The simulated AKS cluster: tenants with their namespaces, apps and pods, the people of each
 * tenant (Entra users carrying their team's group), CI and workload service accounts, nodes, and
 * the tenancy file that describes it. Built once from a seed; read-only afterwards.
 */
public final class ClusterModel {

    public static final String CLUSTER = "aks-bench";
    public static final String REGISTRY = "contosoacr.azurecr.io";
    /** Platform namespaces beyond the defaults: shared services and GitOps agents of the platform team. */
    public static final List<String> PLATFORM_NAMESPACES =
            List.of("monitoring", "argocd", "flux-system", "cert-manager", "ingress-nginx", "default");

    private static final String[] APP_NAMES = {
        "web",
        "api",
        "worker",
        "cache",
        "gateway",
        "billing",
        "search",
        "auth",
        "orders",
        "catalog",
        "notifier",
        "reports"
    };
    private static final String[] ENVIRONMENTS = {"prod", "staging", "dev"};
    private static final String HASH_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    /** A deployed app: its ReplicaSet's pod-template hash and its running pods. */
    public record App(String name, String image, String templateHash, List<String> pods) {}

    public record Namespace(String name, Tenant tenant, List<App> apps) {}

    /** A person: UPN, Entra object id, and the tenant whose group they belong to. */
    public record Person(String username, String oid, Tenant tenant) {}

    public record ServiceAccount(String namespace, String name, Tenant tenant) {
        public String username() {
            return "system:serviceaccount:" + namespace + ":" + name;
        }
    }

    public static final class Tenant {
        private final String name;
        private final String groupOid;
        private final List<Namespace> namespaces = new ArrayList<>();
        private final List<Person> people = new ArrayList<>();
        private final ServiceAccount ci;

        Tenant(String name, String groupOid) {
            this.name = name;
            this.groupOid = groupOid;
            this.ci = new ServiceAccount(name + "-ci", "deployer", this);
        }

        public String name() {
            return name;
        }

        public String groupOid() {
            return groupOid;
        }

        public List<Namespace> namespaces() {
            return namespaces;
        }

        public List<Person> people() {
            return people;
        }

        public ServiceAccount ci() {
            return ci;
        }
    }

    private final List<Tenant> tenants = new ArrayList<>();
    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<Person> people = new ArrayList<>();
    private final List<ServiceAccount> workloadAccounts = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>();

    public ClusterModel(TrafficSpec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x5eedc1a57e4L);
        for (int t = 0; t < spec.tenants(); t++) {
            tenants.add(new Tenant(String.format(Locale.ROOT, "team-%04d", t + 1), uuid(random)));
        }
        for (int n = 0; n < spec.namespaces(); n++) {
            Tenant tenant = tenants.get(n % tenants.size());
            int index = tenant.namespaces.size();
            String suffix =
                    index < ENVIRONMENTS.length ? ENVIRONMENTS[index] : "svc" + (index - ENVIRONMENTS.length + 1);
            Namespace ns = new Namespace(tenant.name + "-" + suffix, tenant, apps(random, tenant));
            tenant.namespaces.add(ns);
            namespaces.add(ns);
        }
        // One CI account per tenant; of the rest, a quarter are workloads' own accounts, the others people.
        int remaining = spec.actors() - tenants.size();
        int workloads = Math.min(Math.min(remaining / 4, remaining - tenants.size()), namespaces.size() * 4);
        for (int w = 0; w < workloads; w++) {
            Namespace ns = namespaces.get(w % namespaces.size());
            App app = ns.apps().get((w / namespaces.size()) % ns.apps().size());
            String name =
                    w < namespaces.size() * ns.apps().size() ? app.name() : app.name() + "-" + (w / namespaces.size());
            workloadAccounts.add(new ServiceAccount(ns.name(), name, ns.tenant()));
        }
        for (int p = 0; p < remaining - workloads; p++) {
            Tenant tenant = tenants.get(p % tenants.size());
            Person person = new Person(String.format(Locale.ROOT, "dev%06d@contoso.com", p + 1), uuid(random), tenant);
            tenant.people.add(person);
            people.add(person);
        }
        int nodeCount = Math.max(3, Math.min(200, spec.namespaces() / 20));
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(String.format(Locale.ROOT, "aks-nodepool1-38290174-vmss%06d", i));
        }
    }

    private static List<App> apps(SplittableRandom random, Tenant tenant) {
        int count = 2 + random.nextInt(3);
        List<App> apps = new ArrayList<>(count);
        int first = random.nextInt(APP_NAMES.length);
        for (int i = 0; i < count; i++) {
            String name = APP_NAMES[(first + i) % APP_NAMES.length];
            String hash = token(random, 9 + random.nextInt(2));
            List<String> pods = new ArrayList<>();
            int replicas = 1 + random.nextInt(3);
            for (int r = 0; r < replicas; r++) {
                pods.add(name + "-" + hash + "-" + token(random, 5));
            }
            String version = (1 + random.nextInt(4)) + "." + random.nextInt(20) + "." + random.nextInt(10);
            apps.add(new App(name, REGISTRY + "/" + tenant.name + "/" + name + ":" + version, hash, List.copyOf(pods)));
        }
        return List.copyOf(apps);
    }

    /** A name suffix as Kubernetes makes them (no vowels, so that no word is formed). */
    static String token(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(HASH_CHARS.charAt(random.nextInt(HASH_CHARS.length())));
        }
        return out.toString();
    }

    /** A version-4 UUID from the seeded random. */
    static String uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public List<Tenant> tenants() {
        return tenants;
    }

    public List<Namespace> namespaces() {
        return namespaces;
    }

    public List<Person> people() {
        return people;
    }

    public List<ServiceAccount> workloadAccounts() {
        return workloadAccounts;
    }

    public List<String> nodes() {
        return nodes;
    }

    /**
     * The tenancy file of this cluster (docs/formats.md): each tenant owns its name and {@code name-*}
     * (its CI namespace included) and its Entra group; shared services and GitOps agents are platform.
     */
    public String tenancyYaml() {
        StringBuilder out = new StringBuilder(64 + tenants.size() * 96);
        out.append("# Generated by tenantwatch bench: the simulated cluster's tenants.\n");
        out.append("tenants:\n");
        for (Tenant t : tenants) {
            out.append("  - name: ")
                    .append(t.name)
                    .append('\n')
                    .append("    namespaces: [\"")
                    .append(t.name)
                    .append("\", \"")
                    .append(t.name)
                    .append("-*\"]\n")
                    .append("    groups: [\"")
                    .append(t.groupOid)
                    .append("\"]\n");
        }
        out.append("platform:\n  namespaces: [");
        for (int i = 0; i < PLATFORM_NAMESPACES.size(); i++) {
            out.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(PLATFORM_NAMESPACES.get(i))
                    .append('"');
        }
        out.append("]\nadmins:\n  users: []\n  groups: []\n");
        return out.toString();
    }

    /** {@link #tenancyYaml()} read by the same loader as a {@code --tenancy} file. */
    public TenancyConfig tenancy() {
        try {
            return new TenancyFileLoader()
                    .parse("generated tenancy", tenancyYaml())
                    .config();
        } catch (ConfigException e) {
            throw new IllegalStateException("the generated tenancy file is invalid: " + e.getMessage(), e);
        }
    }
}
