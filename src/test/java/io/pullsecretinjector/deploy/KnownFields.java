package io.pullsecretinjector.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields the fabric8 model (the Kubernetes API of fabric8 7.5) does not know: they end up in
 * {@code additionalProperties}, and the API server rejects or silently drops them. Catches misspelt fields without a
 * cluster.
 */
final class KnownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private KnownFields() {
    }

    /** Paths such as {@code spec.template.spec.matchLabelKey} of every unknown field under {@code object}. */
    static List<String> unknownFields(Object object) {
        List<String> unknown = new ArrayList<>();
        collect(object, "", unknown);
        return unknown;
    }

    private static void collect(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collect(item, path + "[" + index++ + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collect(item, path + "[" + key + "]", unknown));
        } else if (value != null && value.getClass().getPackageName().startsWith(MODEL_PACKAGE)
                && !(value instanceof GenericKubernetesResource)) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getParameterCount() == 0 && getter.getName().startsWith("get")
                        && !Modifier.isStatic(getter.getModifiers()) && getter.getDeclaringClass() != Object.class) {
                    Object field = invoke(getter, value);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        if (field instanceof Map<?, ?> extra) {
                            extra.keySet().forEach(key -> unknown.add(join(path, String.valueOf(key))));
                        }
                    } else {
                        String name = getter.getName().substring(3);
                        collect(field, join(path, Character.toLowerCase(name.charAt(0)) + name.substring(1)), unknown);
                    }
                }
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
