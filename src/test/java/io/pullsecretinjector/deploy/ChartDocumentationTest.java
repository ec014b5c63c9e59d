package io.pullsecretinjector.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chart's values are listed alike in three places: typed in values.schema.json, defaulted in values.yaml, and
 * documented in the chart's README table. A value missing from one of them is either unchecked, undocumented or
 * without a default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartDocumentationTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Za-z][A-Za-z.]*)` \\|", Pattern.MULTILINE);
    /** Passed down by parent charts; not a value of this chart. */
    private static final String GLOBAL = "global";

    private JsonNode schema;
    private final TreeSet<String> schemaValues = new TreeSet<>();

    @BeforeAll
    void readSchema() throws IOException {
        schema = new ObjectMapper().readTree(HelmChart.path().resolve("values.schema.json").toFile());
        collectLeaves(schema, "", schemaValues);
    }

    @Test
    void readmeValuesTableDocumentsExactlyTheValuesTheSchemaChecks() throws IOException {
        TreeSet<String> documented = new TreeSet<>();
        String readme = Files.readString(HelmChart.path().resolve("README.md"));
        String valuesSection = readme.substring(readme.indexOf("\n## Values\n"), readme.indexOf("\n## ", readme.indexOf("\n## Values\n") + 1));
        Matcher row = TABLE_ROW.matcher(valuesSection);
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(documented).isEqualTo(schemaValues);
    }

    @Test
    void valuesYamlDefaultsExactlyTheValuesTheSchemaChecks() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(HelmChart.path().resolve("values.yaml").toFile());
        TreeSet<String> defaulted = new TreeSet<>();
        collectDefaults(values, schema, "", defaulted);

        assertThat(defaulted).isEqualTo(schemaValues);
    }

    /** Dotted paths of the schema's values: a property with nested "properties" is a group, anything else a value. */
    private static void collectLeaves(JsonNode node, String prefix, TreeSet<String> leaves) {
        for (Map.Entry<String, JsonNode> property : node.get("properties").properties()) {
            String path = prefix + property.getKey();
            if (path.equals(GLOBAL)) {
                continue;
            }
            if (property.getValue().has("properties")) {
                collectLeaves(property.getValue(), path + ".", leaves);
            } else {
                leaves.add(path);
            }
        }
    }

    /** Paths in values.yaml, descending only where the schema has a group (maps such as registries are values). */
    private static void collectDefaults(JsonNode values, JsonNode schemaNode, String prefix, TreeSet<String> paths) {
        for (Map.Entry<String, JsonNode> entry : values.properties()) {
            String path = prefix + entry.getKey();
            JsonNode property = schemaNode.path("properties").path(entry.getKey());
            if (property.has("properties") && entry.getValue().isObject()) {
                collectDefaults(entry.getValue(), property, path + ".", paths);
            } else {
                paths.add(path);
            }
        }
    }
}
