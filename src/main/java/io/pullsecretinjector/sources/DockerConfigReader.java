package io.pullsecretinjector.sources;

import io.pullsecretinjector.caches.PullSecretType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.pullsecretinjector.image.InvalidRegistryPatternException;
import io.pullsecretinjector.image.RegistryPattern;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code auths} keys of a pull secret and checks it the way the kubelet does (image-matching.md §3). Every
 * problem message names keys and fields only: parser messages are never passed on, because they quote the input,
 * and the input holds credentials.
 */
@Singleton
public class DockerConfigReader {

    private final ObjectMapper json;

    public DockerConfigReader(ObjectMapper json) {
        this.json = json;
    }

    public DockerConfig read(Secret secret) {
        PullSecretType type = PullSecretType.of(secret.getType()).orElse(null);
        if (type == null) {
            return DockerConfig.malformed("type " + secret.getType() + " is not a pull secret type");
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        String encoded = data.get(type.dataKey());
        if (encoded == null || encoded.isEmpty()) {
            return DockerConfig.malformed("data key " + type.dataKey() + " is missing or empty");
        }
        JsonNode root;
        try {
            root = json.readTree(Base64.getMimeDecoder().decode(encoded));
        } catch (IllegalArgumentException | IOException e) {
            return DockerConfig.malformed(type.dataKey() + " is not valid JSON");
        }
        JsonNode auths = type == PullSecretType.DOCKER_CONFIG_JSON && root != null ? root.get("auths") : root;
        String where = type == PullSecretType.DOCKER_CONFIG_JSON ? "\"auths\" of " + type.dataKey() : type.dataKey();
        if (auths == null || !auths.isObject() || auths.isEmpty()) {
            return DockerConfig.malformed(where + " is missing, empty or not an object");
        }
        if (type == PullSecretType.DOCKERCFG && auths.size() == 1 && auths.has("auths")) {
            return DockerConfig.malformed(".dockercfg holds a .dockerconfigjson document (\"auths\" wrapper); "
                    + "use type kubernetes.io/dockerconfigjson");
        }
        return readEntries(auths, where);
    }

    private DockerConfig readEntries(JsonNode auths, String where) {
        Map<String, JsonNode> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            entries.put(entry.getKey(), entry.getValue());
        }
        List<RegistryPattern> patterns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : entries.entrySet()) {
            String shown = displayKey(entry.getKey());
            try {
                RegistryPattern pattern = RegistryPattern.parse(entry.getKey());
                // The kubelet ignores user:password@ in a key; the masked key parses to the same pattern, and its
                // key() is what admission warnings print.
                patterns.add(shown.equals(entry.getKey()) ? pattern : RegistryPattern.parse(shown));
            } catch (InvalidRegistryPatternException e) {
                problems.add("key \"" + shown + "\" can never match an image (" + e.getMessage() + ")");
            }
            String entryProblem = entryProblem(entry.getValue());
            if (entryProblem != null) {
                problems.add("entry \"" + shown + "\" in " + where + ": " + entryProblem);
            }
        }
        return new DockerConfig(entries.keySet().stream().map(DockerConfigReader::displayKey).toList(), patterns,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** Why the kubelet could not decode this entry, or {@code null}. */
    private static String entryProblem(JsonNode entry) {
        if (!entry.isObject()) {
            return "not an object";
        }
        JsonNode auth = entry.get("auth");
        if (auth == null || auth.isNull() || (auth.isTextual() && auth.asText().isEmpty())) {
            return null; // the kubelet then uses "username" and "password"
        }
        if (!auth.isTextual()) {
            return "\"auth\" is not a string";
        }
        String value = auth.asText();
        try {
            // Go's base64.StdEncoding: padded, no line breaks.
            if (value.length() % 4 != 0) {
                throw new IllegalArgumentException();
            }
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            return decoded.indexOf(':') < 0 ? "\"auth\" does not decode to user:password" : null;
        } catch (IllegalArgumentException e) {
            return "\"auth\" is not valid base64";
        }
    }

    /** The key for messages, with any {@code user:password@} part replaced: the kubelet drops it, logs must too. */
    static String displayKey(String key) {
        int scheme = key.indexOf("://");
        int hostStart = scheme < 0 ? 0 : scheme + 3;
        int slash = key.indexOf('/', hostStart);
        int at = key.lastIndexOf('@', slash < 0 ? key.length() : slash);
        return at < hostStart ? key : key.substring(0, hostStart) + "***@" + key.substring(at + 1);
    }
}
