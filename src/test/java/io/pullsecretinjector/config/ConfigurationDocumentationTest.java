package io.pullsecretinjector.config;

import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table lists exactly the properties of {@link InjectorConfig}, no more, no fewer. */
class ConfigurationDocumentationTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(injector\\.[^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void readmeTableMatchesTheConfigMappingOneToOne() throws IOException {
        TreeSet<String> documented = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        TreeSet<String> mapped = new TreeSet<>();
        collect(InjectorConfig.class, "injector", mapped);

        assertThat(documented).isEqualTo(mapped);
    }

    /** Property names as SmallRye derives them: kebab-case method names, nested groups, maps as quoted keys. */
    private static void collect(Class<?> group, String prefix, TreeSet<String> names) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isDefault() || method.isSynthetic() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (Map.class.isAssignableFrom(type)) {
                names.add(name + ".\"<pattern>\"");
            } else if (type.isInterface() && type.getEnclosingClass() == InjectorConfig.class) {
                collect(type, name, names);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
