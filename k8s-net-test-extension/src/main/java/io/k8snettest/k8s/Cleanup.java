package io.k8snettest.k8s;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/** Clean-up that runs every step and reports every failure: the first thrown, the rest suppressed on it. */
@API(status = INTERNAL, since = "0.1")
public final class Cleanup {

    private Cleanup() {
    }

    public static void throwIfAny(List<? extends RuntimeException> errors) {
        if (errors.isEmpty()) {
            return;
        }
        RuntimeException first = errors.get(0);
        errors.subList(1, errors.size()).forEach(first::addSuppressed);
        throw first;
    }

    /** Runs every action; afterwards throws what failed. */
    public static void runAll(List<Runnable> actions) {
        List<RuntimeException> errors = new java.util.ArrayList<>();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        throwIfAny(errors);
    }
}
