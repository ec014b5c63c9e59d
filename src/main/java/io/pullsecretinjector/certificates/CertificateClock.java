package io.pullsecretinjector.certificates;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The time managed certificates are issued and renewed by: the system clock, unless another Clock bean is given. */
@Singleton
public class CertificateClock {

    @Produces
    @DefaultBean
    @Singleton
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
