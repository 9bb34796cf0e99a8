package io.tenantwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart rendered by Helm itself (helm-java bundles Helm's Go library, so this is {@code helm
 * template}), every object parsed into fabric8's model and, for assertions on raw fields, as a tree.
 */
final class RenderedChart {

    static final Path CHART = Path.of("helm", "tenantwatch");
    static final Path FULL_VALUES = Path.of("src", "test", "resources", "full-values.yaml");
    static final String RELEASE = "tw";
    static final String NAMESPACE = "tenantwatch";
    /** A Kubernetes version AKS supports; Helm's template default (1.20) is older than the chart's minimum. */
    static final String KUBE_VERSION = "1.31.0";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

    /** One rendered object: fabric8's typed model (or its generic resource for custom kinds) and the raw tree. */
    record RenderedObject(HasMetadata model, JsonNode tree, String yaml) {
        String kind() {
            return model.getKind();
        }

        String name() {
            return model.getMetadata().getName();
        }

        @SuppressWarnings("unchecked")
        <T> T as(Class<T> type) {
            return (T) model;
        }
    }

    private final List<RenderedObject> objects;

    private RenderedChart(List<RenderedObject> objects) {
        this.objects = List.copyOf(objects);
    }

    static RenderedChart defaults() {
        return render(null, Map.of());
    }

    static RenderedChart full() {
        return render(FULL_VALUES, Map.of());
    }

    static RenderedChart render(Path valuesFile, Map<String, String> sets) {
        return render(CHART, valuesFile, sets);
    }

    /**
     * The chart with its {@code helm test} hooks. Helm's library leaves hooks out of the manifest it
     * renders, so this renders a copy of the chart, in {@code dir}, whose hook annotation is renamed
     * to {@link #WAS_HOOK}: the objects render as they would for {@code helm test}.
     */
    static RenderedChart withTestHooks(Path dir, Map<String, String> sets) throws IOException {
        Path copy = copyChart(dir);
        try (Stream<Path> tests = Files.list(copy.resolve("templates").resolve("tests"))) {
            for (Path test : tests.toList()) {
                Files.writeString(test, Files.readString(test).replace("helm.sh/hook:", WAS_HOOK + ":"));
            }
        }
        return render(copy, null, sets);
    }

    static final String WAS_HOOK = "tenantwatch.test/helm.sh-hook";

    /** A copy of the chart in {@code dir}, for tests that change one of its files. */
    static Path copyChart(Path dir) throws IOException {
        Path copy = dir.resolve("tenantwatch");
        try (Stream<Path> paths = Files.walk(CHART)) {
            for (Path p : paths.toList()) {
                Path target = copy.resolve(CHART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    private static RenderedChart render(Path chart, Path valuesFile, Map<String, String> sets) {
        TemplateCommand template = new Helm(chart)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile.toAbsolutePath());
        }
        for (Map.Entry<String, String> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return parse(template.call());
    }

    static RenderedChart parse(String manifest) {
        List<RenderedObject> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
            JsonNode tree;
            try {
                tree = YAML.readTree(document);
            } catch (IOException e) {
                throw new UncheckedIOException("rendered YAML does not parse:\n" + document, e);
            }
            if (tree == null || tree.isNull() || tree.isMissingNode() || tree.isEmpty()) {
                continue;
            }
            KubernetesResource model = FABRIC8.unmarshal(document);
            if (!(model instanceof HasMetadata object)) {
                throw new AssertionError("not a Kubernetes object:\n" + document);
            }
            objects.add(new RenderedObject(object, tree, document));
        }
        return new RenderedChart(objects);
    }

    List<RenderedObject> objects() {
        return objects;
    }

    List<RenderedObject> ofKind(String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).toList();
    }

    Optional<RenderedObject> find(String kind, String name) {
        return objects.stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(name))
                .findFirst();
    }

    RenderedObject get(String kind, String name) {
        return find(kind, name)
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; got "
                        + objects.stream().map(o -> o.kind() + "/" + o.name()).toList()));
    }
}
