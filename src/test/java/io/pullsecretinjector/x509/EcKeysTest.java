package io.pullsecretinjector.x509;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;

import static org.assertj.core.api.Assertions.assertThat;

class EcKeysTest {

    @Test
    void ourOwnKeysAreFreshP256Pairs() {
        KeyPair first = EcKeys.newP256();
        KeyPair second = EcKeys.newP256();

        ECPublicKey key = (ECPublicKey) first.getPublic();
        assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(key.getParams().toString()).contains("secp256r1");
        assertThat(second.getPublic()).isNotEqualTo(first.getPublic());
    }
}
