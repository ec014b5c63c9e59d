package io.pullsecretinjector.sources;

import io.pullsecretinjector.caches.PullSecretType;
import io.pullsecretinjector.testing.PullSecrets;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pullsecretinjector.image.RegistryPattern;
import org.junit.jupiter.api.Test;

import static io.pullsecretinjector.testing.PullSecrets.PASSWORD_MARKER;
import static io.pullsecretinjector.testing.PullSecrets.b64;
import static io.pullsecretinjector.testing.PullSecrets.secret;
import static org.assertj.core.api.Assertions.assertThat;

class DockerConfigReaderTest {

    private static final String JSON = PullSecretType.DOCKER_CONFIG_JSON.type();
    private static final String JSON_KEY = PullSecretType.DOCKER_CONFIG_JSON.dataKey();
    private static final String CFG = PullSecretType.DOCKERCFG.type();
    private static final String CFG_KEY = PullSecretType.DOCKERCFG.dataKey();

    private final DockerConfigReader reader = new DockerConfigReader(new ObjectMapper());

    private DockerConfig read(String type, String key, String document) {
        return reader.read(secret("ns", "regcred", type, key, document));
    }

    @Test
    void keysOfADockerConfigJsonBecomePatterns() {
        DockerConfig config = read(JSON, JSON_KEY,
                PullSecrets.dockerConfigJson("regcred", "registry.example.com", "https://index.docker.io/v1/"));
        assertThat(config.usable()).isTrue();
        assertThat(config.keys()).containsExactly("https://index.docker.io/v1/", "registry.example.com");
        assertThat(config.patterns()).extracting(RegistryPattern::key)
                .containsExactly("https://index.docker.io/v1/", "registry.example.com");
    }

    @Test
    void dockercfgIsABareMap() {
        DockerConfig config = read(CFG, CFG_KEY, "{\"quay.io\":{\"auth\":\"" + PullSecrets.auth("q") + "\"}}");
        assertThat(config.usable()).isTrue();
        assertThat(config.keys()).containsExactly("quay.io");
    }

    @Test
    void usernameAndPasswordWithoutAuthAreUsable() {
        assertThat(read(JSON, JSON_KEY, "{\"auths\":{\"r.example.com\":{\"username\":\"u\",\"password\":\"p\"}}}")
                .usable()).isTrue();
    }

    @Test
    void unusableDocumentsSayWhyWithoutQuotingThem() {
        String secretAuth = b64("no-colon-" + PASSWORD_MARKER);
        var cases = new String[][] {
                {JSON, JSON_KEY, "{\"credsStore\":\"" + PASSWORD_MARKER + "\"}", "missing, empty or not an object"},
                {JSON, JSON_KEY, "{\"auths\":{}}", "missing, empty or not an object"},
                {JSON, JSON_KEY, "{\"auths\":[\"" + PASSWORD_MARKER + "\"]}", "missing, empty or not an object"},
                {JSON, JSON_KEY, "{\"auths\":{\"r.example.com\":{\"auth\":\"" + secretAuth + "\"}}}",
                        "does not decode to user:password"},
                {JSON, JSON_KEY, "{\"auths\":{\"r.example.com\":{\"auth\":\"%%" + PASSWORD_MARKER + "\"}}}",
                        "not valid base64"},
                {JSON, JSON_KEY, "{\"auths\":{\"r.example.com\":\"" + PASSWORD_MARKER + "\"}}", "not an object"},
                {JSON, JSON_KEY, "{\"auths\":{\"HTTPS://r.example.com\":{\"auth\":\"" + PullSecrets.auth("x") + "\"}}}",
                        "can never match"},
                {JSON, JSON_KEY, "not json " + PASSWORD_MARKER, "not valid JSON"},
                {CFG, CFG_KEY, "[\"" + PASSWORD_MARKER + "\"]", "missing, empty or not an object"},
                {CFG, CFG_KEY, PullSecrets.dockerConfigJson("x", "r.example.com"), "holds a .dockerconfigjson"},
                {JSON, CFG_KEY, PullSecrets.dockerConfigJson("x", "r.example.com"), "data key .dockerconfigjson"},
        };
        for (String[] c : cases) {
            DockerConfig config = read(c[0], c[1], c[2]);
            assertThat(config.usable()).as(c[2]).isFalse();
            assertThat(config.problem()).as(c[2]).contains(c[3]).doesNotContain(PASSWORD_MARKER)
                    .doesNotContain(secretAuth);
        }
    }

    @Test
    void aKeyThatCanNeverMatchSpoilsTheSecretButOtherKeysStillParse() {
        DockerConfig config = read(JSON, JSON_KEY,
                PullSecrets.dockerConfigJson("x", "registry.example.com", "HTTPS://other.example.com"));
        assertThat(config.usable()).isFalse();
        assertThat(config.patterns()).extracting(RegistryPattern::key).containsExactly("registry.example.com");
    }

    @Test
    void userinfoInAKeyNeverReachesAPatternKey() {
        DockerConfig config = read(JSON, JSON_KEY,
                PullSecrets.dockerConfigJson("x", "https://robot:" + PASSWORD_MARKER + "@registry.example.com"));
        assertThat(config.usable()).isTrue();
        RegistryPattern pattern = config.patterns().get(0);
        assertThat(pattern.key()).isEqualTo("https://***@registry.example.com").doesNotContain(PASSWORD_MARKER);
        assertThat(pattern.matches("registry.example.com/app")).isTrue();
    }

    @Test
    void userinfoInAKeyIsHiddenInMessages() {
        assertThat(DockerConfigReader.displayKey("https://robot:" + PASSWORD_MARKER + "@r.example.com/v2/"))
                .isEqualTo("https://***@r.example.com/v2/");
        assertThat(DockerConfigReader.displayKey("robot:pw@r.example.com")).isEqualTo("***@r.example.com");
        assertThat(DockerConfigReader.displayKey("r.example.com/team@x")).isEqualTo("r.example.com/team@x");
    }
}
