package io.pullsecretinjector.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One set of JVM options, src/main/docker/jvm.options, is what the image runs, what app.aot is trained with (a cache
 * is refused under other flags), and what the benchmarks measure; the Deployment must not change it.
 */
class ImageJvmOptionsTest {

    private static final String OPTIONS = "src/main/docker/jvm.options";
    private static final Pattern ARG_LINE = Pattern.compile("<aot\\.training\\.jvm-args>(.*)</aot\\.training\\.jvm-args>");

    @Test
    void theImageStartsJavaWithTheOptionsFileAndAFatalAotCache() throws IOException {
        String dockerfile = read("src/main/docker/Dockerfile.jvm");

        assertThat(dockerfile).contains("COPY --chown=185:185 " + OPTIONS + " /deployments/jvm.options");
        assertThat(dockerfile.replaceAll("\\\\\\n\\s*", "")).contains("ENTRYPOINT [\"java\", "
                + "\"@/deployments/jvm.options\", \"-XX:AOTCache=/deployments/app.aot\", \"-XX:AOTMode=on\", "
                + "\"-jar\", \"/deployments/quarkus-run.jar\"]");
    }

    @Test
    void theBuildAndRunStagesAreTheSameTemurinRelease() throws IOException {
        List<String> froms = read("src/main/docker/Dockerfile.jvm").lines().filter(l -> l.startsWith("FROM ")).toList();

        assertThat(froms).hasSize(3).allSatisfy(from -> assertThat(from).startsWith("FROM eclipse-temurin:${TEMURIN}-"));
        assertThat(froms.get(froms.size() - 1)).as("run stage").startsWith("FROM eclipse-temurin:${TEMURIN}-jre-");
        assertThat(froms.get(1)).as("the stage that trains the cache runs the same JRE").isEqualTo(froms.get(2) + " AS build");
    }

    @Test
    void theAotTrainingRunsWithTheSameOptionsFile() throws IOException {
        String pom = read("pom.xml");
        Matcher argLines = ARG_LINE.matcher(pom);
        List<String> values = argLines.results().map(m -> m.group(1)).toList();

        assertThat(values).contains("@${project.basedir}/" + OPTIONS);
        assertThat(pom).contains("<quarkus.package.jar.aot.type>aot</quarkus.package.jar.aot.type>");
    }

    @Test
    void theOptionsAreTheMeasuredJava25Ones() throws IOException {
        List<String> options = Arrays.stream(read(OPTIONS).lines().filter(l -> !l.startsWith("#"))
                .reduce("", (a, b) -> a + " " + b).trim().split("\\s+")).toList();

        assertThat(options).contains("-XX:+UseCompactObjectHeaders", "--sun-misc-unsafe-memory-access=allow")
                .noneMatch(option -> option.startsWith("-XX:AOT"));
        assertThat(read("src/bench/lib.sh")).contains("JVM_OPTIONS_FILE=\"$repo/" + OPTIONS + "\"");
    }

    @Test
    void theDeploymentRunsTheImageEntrypointUnchanged(@TempDir Path workDir) {
        Path deploy = Project.copyDeployTree(workDir);
        Container container = ManifestInvariantsTest.container(RenderedManifests.render("base", deploy.resolve("base")));

        assertThat(container.getCommand()).as("command").isNullOrEmpty();
        assertThat(container.getArgs()).as("args").isNullOrEmpty();
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .doesNotContain("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS", "JAVA_OPTS_APPEND");
    }

    private static String read(String path) throws IOException {
        return Files.readString(Project.root().resolve(path));
    }
}
