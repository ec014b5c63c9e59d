package io.pullsecretinjector.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every way the injector is installed, rendered: the kustomizations under deploy/ and the Helm chart with its default
 * values, with each values file under its ci/ folder, and under another release name and namespace.
 */
final class Installations {

    /** A release name and namespace other than the README's, so names that follow the release are exercised. */
    static final String OTHER_RELEASE = "psi";
    static final String OTHER_NAMESPACE = "platform-webhooks";

    private Installations() {
    }

    /** base and the three overlays; certificates for overlays/self-signed are generated into a copy of deploy/. */
    static List<RenderedManifests> kustomizations(Path workDir) {
        Path deploy = Project.copyDeployTree(workDir);
        Commands.run(workDir, Project.generateScript().toString(), "--out",
                deploy.resolve(Project.SELF_SIGNED_TLS).toString()).assertSuccess();
        return List.of(
                RenderedManifests.render("base", deploy.resolve("base")),
                RenderedManifests.render("overlays/self-signed", deploy.resolve("overlays/self-signed")),
                RenderedManifests.render("overlays/cert-manager", deploy.resolve("overlays/cert-manager")),
                RenderedManifests.render(ManifestInvariantsTest.MANAGED, deploy.resolve(ManifestInvariantsTest.MANAGED)));
    }

    static List<RenderedManifests> chartReleases() {
        List<RenderedManifests> releases = new ArrayList<>();
        releases.add(HelmChart.release().render("chart (default values)"));
        for (Path values : HelmChart.ciValuesFiles()) {
            releases.add(HelmChart.release().withValues(values).render("chart -f ci/" + values.getFileName()));
        }
        releases.add(HelmChart.release().named(OTHER_RELEASE, OTHER_NAMESPACE)
                .render("chart release " + OTHER_RELEASE + " in " + OTHER_NAMESPACE));
        return releases;
    }
}
