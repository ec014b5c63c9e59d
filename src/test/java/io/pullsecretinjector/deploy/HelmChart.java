package io.pullsecretinjector.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * deploy/helm/pull-secret-injector, linted and rendered by the Helm library itself (helm-java bundles it; no helm
 * binary, no cluster). A {@code Release} is what {@code helm template NAME CHART -n NAMESPACE -f ... --set ...} renders.
 */
final class HelmChart {

    /** The release name and namespace the README's install command uses. */
    static final String RELEASE = "pull-secret-injector";
    static final String NAMESPACE = "pull-secret-injector";

    private HelmChart() {
    }

    static Path path() {
        return Project.root().resolve("deploy/helm/pull-secret-injector");
    }

    /** The values files under ci/, each a configuration the chart must render and keep safe. */
    static List<Path> ciValuesFiles() {
        try (Stream<Path> files = Files.list(path().resolve("ci"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm lint --strict}: warnings fail too. */
    static LintResult lintStrict() {
        return new Helm(path()).lint().strict().call();
    }

    static Release release() {
        return new Release(RELEASE, NAMESPACE, List.of(), Map.of());
    }

    /**
     * One {@code helm template} invocation.
     *
     * @param values files given with {@code -f}, in order
     * @param sets   {@code --set} pairs, after the files
     */
    record Release(String name, String namespace, List<Path> values, Map<String, Object> sets) {

        Release named(String releaseName, String releaseNamespace) {
            return new Release(releaseName, releaseNamespace, values, sets);
        }

        Release withValues(Path file) {
            List<Path> files = new ArrayList<>(values);
            files.add(file);
            return new Release(name, namespace, files, sets);
        }

        Release set(String key, Object value) {
            Map<String, Object> all = new LinkedHashMap<>(sets);
            all.put(key, value);
            return new Release(name, namespace, values, all);
        }

        /** The rendered YAML; throws {@link IllegalStateException} with Helm's message when rendering fails. */
        String template() {
            TemplateCommand command = new Helm(path()).template().withName(name).withNamespace(namespace);
            values.forEach(command::withValuesFile);
            sets.forEach(command::set);
            return command.call();
        }

        RenderedManifests render(String description) {
            return RenderedManifests.parse(description, namespace, template());
        }
    }
}
