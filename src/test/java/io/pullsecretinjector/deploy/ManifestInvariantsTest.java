package io.pullsecretinjector.deploy;

import static io.pullsecretinjector.deploy.LabelSelectors.selects;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.pullsecretinjector.cluster.ApiPermission;
import io.pullsecretinjector.cluster.ApiPermissions;
import io.pullsecretinjector.config.ConfiguredRules;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.injection.InjectorLabels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariants that break clusters when they drift, checked on every installation {@link Installations} renders:
 * each kustomization (base and overlays) and the Helm chart with each of its values sets. What only one install path
 * has is checked in {@link KustomizeManifestsTest} and {@link HelmChartTest}. Values come from the code's constants
 * where one exists ({@link InjectorLabels}, {@link ApiPermissions}) and from {@link ServerContract} otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestInvariantsTest {

    static final String NAMESPACE = "pull-secret-injector";
    static final String NAME = "pull-secret-injector";
    static final String TLS_SECRET = "pull-secret-injector-tls";
    /** The overlay whose injector manages its own certificates ({@code injector.tls.mode=managed}). */
    static final String MANAGED = "overlays/managed";

    /** The setting that names each object managed-certificate mode works on, by the default name ApiPermissions uses. */
    static final Map<String, String> MANAGED_TLS_NAME_SETTINGS = Map.of(
            ApiPermissions.CA_SECRET, "injector.tls.ca-secret",
            ApiPermissions.SERVING_SECRET, "injector.tls.secret",
            ApiPermissions.WEBHOOK_CONFIGURATION, "injector.tls.webhook-configuration");

    private List<RenderedManifests> renderings;

    @BeforeAll
    void renderEveryInstallation(@TempDir Path workDir) {
        renderings = Stream.concat(Installations.kustomizations(workDir).stream(),
                Installations.chartReleases().stream()).toList();
    }

    List<RenderedManifests> renderings() {
        return renderings;
    }

    /** Installations whose serving certificate comes from a mounted Secret (injector.tls.mode=files). */
    List<RenderedManifests> fileModeRenderings() {
        return renderings.stream().filter(manifests -> !manifests.managedTls()).toList();
    }

    /** Installations where the injector issues its own certificates (injector.tls.mode=managed). */
    List<RenderedManifests> managedModeRenderings() {
        return renderings.stream().filter(RenderedManifests::managedTls).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyFieldIsOneTheKubernetesApiKnows(RenderedManifests manifests) {
        assertThat(manifests.objects()).allSatisfy(object -> assertThat(KnownFields.unknownFields(object))
                .as("unknown fields of %s %s", object.getKind(), object.getMetadata().getName()).isEmpty());
    }

    // --- MutatingWebhookConfiguration -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void webhookIsCalledWhenPodsAreCreatedAndWhenEphemeralContainersAreAddedOnly(RenderedManifests manifests) {
        MutatingWebhook webhook = webhook(manifests);

        assertThat(webhook.getRules()).hasSize(2);
        assertThat(webhook.getRules()).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getApiVersions()).containsExactly("v1");
            assertThat(rule.getScope()).isEqualTo("Namespaced");
        });
        assertThat(webhook.getRules()).anySatisfy(rule -> {
            assertThat(rule.getOperations()).containsExactly("CREATE");
            assertThat(rule.getResources()).as("Pods themselves, no subresource").containsExactly("pods");
        });
        assertThat(webhook.getRules()).anySatisfy(rule -> {
            assertThat(rule.getOperations()).as("kubectl debug, and no other update").containsExactly("UPDATE");
            assertThat(rule.getResources()).containsExactly("pods/ephemeralcontainers");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void webhookFailsOpenHasNoSideEffectsOnDryRunsAndIsCalledAgainAfterLaterMutations(RenderedManifests manifests) {
        MutatingWebhook webhook = webhook(manifests);

        assertThat(webhook.getFailurePolicy()).isEqualTo("Ignore");
        assertThat(webhook.getSideEffects()).as("Events on owners, none on dry runs").isEqualTo("NoneOnDryRun");
        assertThat(webhook.getTimeoutSeconds()).isEqualTo(5);
        assertThat(webhook.getReinvocationPolicy()).isEqualTo("IfNeeded");
        assertThat(webhook.getMatchPolicy()).isEqualTo("Equivalent");
        assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void webhookAndItsConfigurationHaveQualifiedNames(RenderedManifests manifests) {
        MutatingWebhookConfiguration configuration = manifests.only(MutatingWebhookConfiguration.class);
        String dnsSubdomain = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+";

        assertThat(configuration.getMetadata().getName()).matches(dnsSubdomain);
        assertThat(configuration.getWebhooks()).singleElement().extracting(MutatingWebhook::getName).asString()
                .matches(dnsSubdomain);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void webhookSelectsOptedInNamespacesExceptTheSystemOnesAndItsOwn(RenderedManifests manifests) {
        LabelSelector selector = webhook(manifests).getNamespaceSelector();
        String injectorNamespace = manifests.only(Deployment.class).getMetadata().getNamespace();
        Map<String, String> optedIn = Map.of(InjectorLabels.ENABLED, InjectorLabels.TRUE);

        assertThat(selects(selector, namespaceLabels("team-a", optedIn))).isTrue();
        assertThat(selects(selector, namespaceLabels("team-d", Map.of(InjectorLabels.ENABLED, InjectorLabels.AUDIT))))
                .as("audit namespace").isTrue();
        assertThat(selects(selector, namespaceLabels("team-b", Map.of()))).as("no opt-in label").isFalse();
        assertThat(selects(selector, namespaceLabels("team-c", Map.of(InjectorLabels.ENABLED, InjectorLabels.FALSE))))
                .isFalse();
        for (String excluded : List.of("kube-system", "kube-node-lease", injectorNamespace)) {
            assertThat(selects(selector, namespaceLabels(excluded, optedIn)))
                    .as("namespace %s, even when labelled to opt in", excluded).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podsAreIncludedUnlessTheyCarryTheOptOutLabel(RenderedManifests manifests) {
        LabelSelector selector = webhook(manifests).getObjectSelector();

        assertThat(selects(selector, Map.of())).as("unlabelled Pod").isTrue();
        assertThat(selects(selector, Map.of("app", "web"))).isTrue();
        assertThat(selects(selector, Map.of(InjectorLabels.ENABLED, InjectorLabels.TRUE))).isTrue();
        assertThat(selects(selector, Map.of(InjectorLabels.ENABLED, InjectorLabels.FALSE))).as("opted-out Pod").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void webhookCallsTheServiceOnThePathAndPortTheServerListensOn(RenderedManifests manifests) {
        MutatingWebhook webhook = webhook(manifests);
        Service service = manifests.only(Service.class);
        Container container = container(manifests);

        assertThat(webhook.getClientConfig().getUrl()).as("in-cluster webhooks are called through their Service").isNull();
        ServiceReference reference = webhook.getClientConfig().getService();
        assertThat(reference.getName()).isEqualTo(service.getMetadata().getName());
        assertThat(reference.getNamespace()).isEqualTo(service.getMetadata().getNamespace());
        assertThat(reference.getPath()).isEqualTo(ServerContract.WEBHOOK_PATH);
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort().equals(reference.getPort()))
                .findFirst().orElseThrow(() -> new AssertionError("Service has no port " + reference.getPort()));
        assertThat(containerPort(container, port.getTargetPort())).isEqualTo(ServerContract.webhookPort());
    }

    // --- Deployment, Service, PodDisruptionBudget -----------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void probesAskTheManagementPortForStartupReadinessAndLiveness(RenderedManifests manifests) {
        Container container = container(manifests);

        assertThat(ServerContract.managementInterfaceEnabled())
                .as("quarkus.management.enabled=true in application.properties (the probes need port %d)",
                        ServerContract.managementPort()).isTrue();
        assertProbe(container, container.getStartupProbe(), ServerContract.STARTUP_PATH);
        assertProbe(container, container.getReadinessProbe(), ServerContract.READINESS_PATH);
        assertProbe(container, container.getLivenessProbe(), ServerContract.LIVENESS_PATH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void serviceAndDisruptionBudgetSelectExactlyTheInjectorPods(RenderedManifests manifests) {
        Deployment deployment = manifests.only(Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Service service = manifests.only(Service.class);
        PodDisruptionBudget budget = manifests.only(PodDisruptionBudget.class);

        assertThat(selects(deployment.getSpec().getSelector(), podLabels)).as("Deployment selector").isTrue();
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getMetadata().getNamespace()).isEqualTo(deployment.getMetadata().getNamespace());
        assertThat(selects(budget.getSpec().getSelector(), podLabels)).as("PDB selector").isTrue();
        assertThat(budget.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector());
        assertThat(deployment.getSpec().getReplicas()).as("replicas").isGreaterThanOrEqualTo(2);
        assertThat(minAvailable(budget, deployment.getSpec().getReplicas())).as("replicas kept through a drain")
                .isGreaterThanOrEqualTo(1).isLessThan(deployment.getSpec().getReplicas());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void replicasAreSpreadOverNodesAndRolledWithoutLosingOne(RenderedManifests manifests) {
        Deployment deployment = manifests.only(Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .filteredOn(constraint -> "kubernetes.io/hostname".equals(constraint.getTopologyKey()))
                .singleElement().satisfies(constraint -> {
                    assertThat(constraint.getMaxSkew()).isEqualTo(1);
                    assertThat(selects(constraint.getLabelSelector(), podLabels)).isTrue();
                });
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podRunsAsNonRootWithReadOnlyRootNoCapabilitiesAndTheDefaultSeccompProfile(RenderedManifests manifests) {
        PodSpec pod = podSpec(manifests);
        Container container = container(manifests);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(185L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getHostPath()).isNull());
        assertThat(mountPath(container, "tmp")).as("the JVM's writable temp directory").isEqualTo("/tmp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void onlyTheInjectorPodNotEveryUserOfTheServiceAccountGetsAToken(RenderedManifests manifests) {
        ServiceAccount account = manifests.only(ServiceAccount.class);
        PodSpec pod = podSpec(manifests);

        assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(account.getMetadata().getNamespace()).isEqualTo(manifests.only(Deployment.class).getMetadata().getNamespace());
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getAutomountServiceAccountToken()).as("the Kubernetes client needs the token").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileModeRenderings")
    void servingCertificateFromASecretIsMountedAsADirectoryWhereTheServerReadsIt(RenderedManifests manifests) {
        PodSpec pod = podSpec(manifests);
        Container container = container(manifests);
        Volume tls = pod.getVolumes().stream().filter(volume -> volume.getSecret() != null)
                .filter(volume -> container.getVolumeMounts().stream().anyMatch(mount ->
                        mount.getName().equals(volume.getName()) && ServerContract.TLS_DIR.equals(mount.getMountPath())))
                .findFirst().orElseThrow(() -> new AssertionError("no Secret volume at " + ServerContract.TLS_DIR));

        assertThat(tls.getSecret().getSecretName()).isNotBlank();
        assertThat(ServerContract.tlsFiles()).allSatisfy(file ->
                assertThat(Path.of(file).getParent()).isEqualTo(Path.of(ServerContract.TLS_DIR)));
        assertThat(container.getVolumeMounts()).as("subPath mounts never see a rotated Secret")
                .allSatisfy(mount -> {
                    assertThat(mount.getSubPath()).isNull();
                    assertThat(mount.getSubPathExpr()).isNull();
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("managedModeRenderings")
    void managedCertificatesNeedNoVolumeAndNameTheObjectsThisInstallationCreates(RenderedManifests manifests) {
        MutatingWebhookConfiguration configuration = manifests.only(MutatingWebhookConfiguration.class);

        assertThat(podSpec(manifests).getVolumes()).as("the key pair is read from the API, never from a volume")
                .allSatisfy(volume -> assertThat(volume.getSecret()).isNull());
        assertThat(container(manifests).getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .doesNotContain(ServerContract.TLS_DIR);
        assertThat(webhook(manifests).getClientConfig().getCaBundle()).as("filled by the injector, not the manifest")
                .isNullOrEmpty();
        assertThat(manifests.setting("injector.tls.webhook-configuration", ApiPermissions.WEBHOOK_CONFIGURATION))
                .isEqualTo(configuration.getMetadata().getName());
        assertThat(manifests.setting("injector.tls.service-name", NAME))
                .isEqualTo(manifests.only(Service.class).getMetadata().getName());
        assertThat(manifests.setting("injector.namespace", manifests.namespace())).isEqualTo(manifests.namespace());
        assertThat(manifests.all(Secret.class)).as("the injector creates its Secrets; a rendered one would fight it")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void configurationIsAConfigMapMountedWhereQuarkusReadsIt(RenderedManifests manifests) {
        Volume config = configVolume(manifests);
        ConfigMap configMap = manifests.named(ConfigMap.class, config.getConfigMap().getName());

        assertThat(configMap.getMetadata().getNamespace()).isEqualTo(manifests.namespace());
        assertThat(configMap.getData()).containsKey(ServerContract.CONFIG_FILE);
        assertThat(mountPath(container(manifests), config.getName())).isEqualTo(ServerContract.CONFIG_DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void configurationIsOneTheInjectorAcceptsAtStartUp(RenderedManifests manifests) {
        InjectorConfig config = InjectorConfiguration.read(manifests.mountedConfiguration(), manifests.namespace());

        assertThat(new ConfiguredRules(config).problems()).isEmpty();
        assertThat(config.namespace()).isEqualTo(manifests.namespace());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podLearnsItsNamespaceAndNameFromTheDownwardApi(RenderedManifests manifests) {
        Map<String, String> fieldRefs = container(manifests).getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getFieldRef() != null)
                .collect(Collectors.toMap(EnvVar::getName, env -> env.getValueFrom().getFieldRef().getFieldPath()));

        assertThat(fieldRefs).containsEntry(ServerContract.POD_ENV.get(0), "metadata.namespace")
                .containsEntry(ServerContract.POD_ENV.get(1), "metadata.name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void containerRequestsCpuAndMemoryAndLimitsOnlyMemory(RenderedManifests manifests) {
        var resources = container(manifests).getResources();

        assertThat(resources.getRequests()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).containsOnlyKeys("memory");
        assertThat(Quantity.getAmountInBytes(resources.getLimits().get("memory")))
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(resources.getRequests().get("memory")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void imageHasAnExplicitTagThatIsNotLatest(RenderedManifests manifests) {
        String image = container(manifests).getImage();

        assertThat(image).matches(".+:[A-Za-z0-9_][A-Za-z0-9_.-]*").doesNotEndWith(":latest");
    }

    // --- RBAC ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void clusterRoleGrantsExactlyTheClusterWidePermissionsTheCodeUses(RenderedManifests manifests) {
        ClusterRole role = manifests.only(ClusterRole.class);

        assertThat(grants(role.getRules())).isEqualTo(required(manifests, false));
        assertBoundToTheInjector(manifests, manifests.only(ClusterRoleBinding.class).getRoleRef(),
                manifests.only(ClusterRoleBinding.class).getSubjects(), "ClusterRole", role);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void roleGrantsExactlyTheNamespacedPermissionsTheCodeUsesInTheInjectorNamespace(RenderedManifests manifests) {
        Role role = manifests.only(Role.class);
        RoleBinding binding = manifests.only(RoleBinding.class);

        assertThat(grants(role.getRules())).isEqualTo(required(manifests, true));
        assertThat(role.getMetadata().getNamespace()).isEqualTo(manifests.namespace());
        assertThat(binding.getMetadata().getNamespace()).isEqualTo(manifests.namespace());
        assertBoundToTheInjector(manifests, binding.getRoleRef(), binding.getSubjects(), "Role", role);
    }

    // --- Namespaces and labels ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everythingNamespacedStatesTheInjectorNamespace(RenderedManifests manifests) {
        // Stated on every object, so `helm template | kubectl apply -f -` and GitOps tools install what `helm install`
        // does.
        Set<String> clusterScoped = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration");

        assertThat(manifests.objects()).filteredOn(object -> !clusterScoped.contains(object.getKind()))
                .allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                        .as("%s %s", object.getKind(), object.getMetadata().getName()).isEqualTo(manifests.namespace()));
        assertThat(webhook(manifests).getClientConfig().getService().getNamespace()).isEqualTo(manifests.namespace());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void noObjectCarriesALabelTheInjectorActsOn(RenderedManifests manifests) {
        // managed-by marks the copies the sync controller owns (and may delete); source marks secrets to copy;
        // enabled on the injector's namespace would make it a copy target.
        assertThat(manifests.objects()).allSatisfy(object -> {
            Map<String, String> labels = labels(object);
            assertThat(labels).as("%s %s", object.getKind(), object.getMetadata().getName())
                    .doesNotContainEntry(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE)
                    .doesNotContainKey(InjectorLabels.SOURCE);
        });
        assertThat(manifests.all(Namespace.class)).allSatisfy(namespace ->
                assertThat(labels(namespace)).doesNotContainKey(InjectorLabels.ENABLED));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static MutatingWebhook webhook(RenderedManifests manifests) {
        List<MutatingWebhook> webhooks = manifests.only(MutatingWebhookConfiguration.class).getWebhooks();
        assertThat(webhooks).hasSize(1);
        return webhooks.get(0);
    }

    static PodSpec podSpec(RenderedManifests manifests) {
        return manifests.only(Deployment.class).getSpec().getTemplate().getSpec();
    }

    static Container container(RenderedManifests manifests) {
        List<Container> containers = podSpec(manifests).getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** Labels of a namespace as the API server sees them, including the automatic name label. */
    static Map<String, String> namespaceLabels(String name, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.put("kubernetes.io/metadata.name", name);
        return all;
    }

    private static Map<String, String> labels(HasMetadata object) {
        return Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
    }

    static Volume configVolume(RenderedManifests manifests) {
        return podSpec(manifests).getVolumes().stream().filter(volume -> volume.getConfigMap() != null).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap volume"));
    }

    /** The PDB's minAvailable in Pods, a percentage rounded up as the disruption controller does. */
    private static int minAvailable(PodDisruptionBudget budget, int replicas) {
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        assertThat(minAvailable).as("minAvailable").isNotNull();
        if (minAvailable.getIntVal() != null) {
            return minAvailable.getIntVal();
        }
        int percent = Integer.parseInt(minAvailable.getStrVal().replace("%", ""));
        return (percent * replicas + 99) / 100;
    }

    static String mountPath(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(mount -> volume.equals(mount.getName()))
                .map(VolumeMount::getMountPath).findFirst()
                .orElseThrow(() -> new AssertionError("volume " + volume + " is not mounted"));
    }

    private static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("container has no port named " + port.getStrVal()));
    }

    private static void assertProbe(Container container, Probe probe, String path) {
        assertThat(probe).as("probe on %s", path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(get.getScheme()).isIn(null, "HTTP");
        assertThat(containerPort(container, get.getPort())).isEqualTo(ServerContract.managementPort());
    }

    /** One "group/resource verb [names]" string per permission a set of rules grants. */
    private static Set<String> grants(List<PolicyRule> rules) {
        assertThat(rules).allSatisfy(rule -> assertThat(rule.getNonResourceURLs()).isNullOrEmpty());
        return rules.stream().flatMap(rule -> rule.getApiGroups().stream().flatMap(group -> rule.getResources()
                .stream().flatMap(resource -> rule.getVerbs().stream().map(verb -> grant(group, resource, verb,
                        Objects.requireNonNullElse(rule.getResourceNames(), List.of()))))))
                .collect(Collectors.toSet());
    }

    /**
     * What {@link ApiPermissions#forTlsMode} grants for the certificate mode this installation configures, with the
     * default object names in {@code resourceNames} replaced by the names the installation configures.
     */
    static Set<String> required(RenderedManifests manifests, boolean namespaced) {
        return ApiPermissions.forTlsMode(manifests.managedTls()).stream()
                .filter(permission -> permission.namespaced() == namespaced)
                .flatMap(permission -> grants(permission, defaultName -> configuredName(manifests, defaultName)))
                .collect(Collectors.toSet());
    }

    private static String configuredName(RenderedManifests manifests, String defaultName) {
        String setting = MANAGED_TLS_NAME_SETTINGS.get(defaultName);
        return setting == null ? defaultName : manifests.setting(setting, defaultName);
    }

    private static Stream<String> grants(ApiPermission permission, UnaryOperator<String> configuredName) {
        List<String> names = permission.resourceNames().stream().map(configuredName).toList();
        return permission.verbs().stream().map(verb -> grant(permission.apiGroup(), permission.resource(), verb, names));
    }

    private static String grant(String group, String resource, String verb, List<String> resourceNames) {
        return group + "/" + resource + " " + verb + (resourceNames.isEmpty() ? "" : " " + new TreeSet<>(resourceNames));
    }

    private static void assertBoundToTheInjector(RenderedManifests manifests, RoleRef roleRef, List<Subject> subjects,
            String kind, HasMetadata role) {
        ServiceAccount account = manifests.only(ServiceAccount.class);
        assertThat(roleRef.getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(roleRef.getKind()).isEqualTo(kind);
        assertThat(roleRef.getName()).isEqualTo(role.getMetadata().getName());
        assertThat(subjects).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo(account.getMetadata().getNamespace());
        });
    }
}
