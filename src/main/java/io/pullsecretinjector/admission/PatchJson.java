package io.pullsecretinjector.admission;

import io.pullsecretinjector.patch.PatchOperation;

import java.util.List;

/** The JSON text of a patch exactly as the webhook sends it (before base64), for tests and benchmarks. */
public final class PatchJson {

    private static final AdmissionResponseWriter WRITER = new AdmissionResponseWriter();

    private PatchJson() {
    }

    public static byte[] write(List<PatchOperation> ops) {
        return WRITER.patchBytes(ops);
    }
}
