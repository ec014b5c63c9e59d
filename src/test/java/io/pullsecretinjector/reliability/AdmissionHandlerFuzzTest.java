package io.pullsecretinjector.reliability;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pullsecretinjector.admission.AdmissionHandler;
import io.pullsecretinjector.admission.AdmissionMetrics;
import io.pullsecretinjector.image.InvalidRegistryPatternException;
import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.image.RegistryPattern;
import io.pullsecretinjector.image.RegistryRule;
import io.pullsecretinjector.injection.NamespaceDirectory;
import io.pullsecretinjector.injection.PullSecretInjector;
import io.pullsecretinjector.injection.SecretDirectory;
import io.pullsecretinjector.testing.InjectorTestProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Coverage-guided fuzzing of the whole review handler (Jazzer), built from plain objects with the endpoint tests'
 * registry map. The input is the raw HTTP body. Whatever it is, the answer is 400 with a Status message or 200 with a
 * valid allowed response whose patch applies to the Pod ({@link BadInputVerdict}), and nothing throws. Seeds and
 * findings: src/test/resources/io/pullsecretinjector/reliability/AdmissionHandlerFuzzTestInputs/handle/.
 */
class AdmissionHandlerFuzzTest {

    private static final AdmissionHandler HANDLER = handler();

    @FuzzTest(maxDuration = "5m")
    void handle(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        AdmissionHandler.Answer answer = HANDLER.handle(body);
        BadInputVerdict.check("fuzzed body", body, answer.status(), answer.body());
    }

    private static AdmissionHandler handler() {
        List<RegistryRule> rules = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(InjectorTestProfile.REGISTRIES).entrySet()) {
            try {
                rules.add(RegistryRule.usable(RegistryPattern.parse(e.getKey()), List.of(e.getValue().split(",")),
                        "config"));
            } catch (InvalidRegistryPatternException ex) {
                throw new IllegalStateException(ex);
            }
        }
        RegistryIndex index = RegistryIndex.of(rules);
        return new AdmissionHandler(new PullSecretInjector(() -> index, NamespaceDirectory.UNKNOWN,
                SecretDirectory.UNKNOWN), new AdmissionMetrics(new SimpleMeterRegistry()));
    }
}
