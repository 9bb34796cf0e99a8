package io.tenantwatch.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields that fabric8's model did not recognise. fabric8 parses leniently, keeping unknown fields
 * in each object's {@code additionalProperties}; a misspelt field in a template ({@code readinesProbe})
 * would parse and then be ignored by the API server. This walks the typed model and reports them.
 */
final class Fabric8Fields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private Fabric8Fields() {}

    static List<String> unknown(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found);
        return found;
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node == null || node instanceof GenericKubernetesResource) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (!node.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get")
                    || !m.getDeclaringClass().getName().startsWith(MODEL_PACKAGE)) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError("cannot read " + path + "." + m.getName(), e);
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add((path.isEmpty() ? "" : path + ".") + extra.keySet());
                }
            } else {
                walk(
                        value,
                        path + "." + Character.toLowerCase(m.getName().charAt(3))
                                + m.getName().substring(4),
                        found);
            }
        }
    }
}
