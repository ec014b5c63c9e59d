package io.pullsecretinjector.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Paths in the source tree, and copies of deploy/ that tests may write into. */
final class Project {

    /** Where the self-signed overlay expects the output of certs/generate.sh. */
    static final String SELF_SIGNED_TLS = "overlays/self-signed/tls";

    private Project() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/base/kustomization.yaml"))) {
                return dir;
            }
        }
        return fail("no deploy/base/kustomization.yaml above " + Path.of("").toAbsolutePath());
    }

    static Path generateScript() {
        return root().resolve("certs/generate.sh");
    }

    /** Copies deploy/ into {@code target}/deploy, leaving out certificates generated into the working tree. */
    static Path copyDeployTree(Path target) {
        Path source = root().resolve("deploy");
        Path copy = target.resolve("deploy");
        try (Stream<Path> paths = Files.walk(source)) {
            paths.filter(path -> !source.relativize(path).startsWith(SELF_SIGNED_TLS)).forEach(path -> {
                try {
                    Path destination = copy.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(path, destination);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }
}
