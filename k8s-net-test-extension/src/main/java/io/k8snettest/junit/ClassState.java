package io.k8snettest.junit;

import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.k8s.AppliedResources;
import io.k8snettest.k8s.BackgroundDeletions;
import io.k8snettest.session.NamespaceSession;
import io.k8snettest.plan.ResourcePlan;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the extension keeps for one test class in its store. A {@code @Nested} class gets its own
 * state that shares the enclosing class's session ({@link #ownsSession} false) and adds its own
 * resources on top.
 *
 * <p>Closing is idempotent: {@code afterAll} closes it explicitly (so clean-up errors fail the
 * class), the store closes it again as a safety net when {@code afterAll} was never reached.
 */
final class ClassState implements AutoCloseable {

    final NamespaceSession session;
    final boolean ownsSession;
    private final ClassState enclosing;
    final RuntimeSettings settings;
    final ResourcePlan plan;
    private final AppliedResources ownResources;
    private final BackgroundDeletions background;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * The state of a class that owns its namespace session.
     *
     * @param background awaits the session's namespace deletions after the class; null: the class waits for them
     */
    static ClassState owner(NamespaceSession session, RuntimeSettings settings, ResourcePlan plan,
                            BackgroundDeletions background) {
        return new ClassState(session, null, settings, plan, null, background);
    }

    /** The state of a {@code @Nested} class inside {@code enclosing}'s namespace. */
    static ClassState nested(ClassState enclosing, ResourcePlan plan, AppliedResources ownResources) {
        return new ClassState(enclosing.session, enclosing, enclosing.settings, plan, ownResources, null);
    }

    private ClassState(NamespaceSession session, ClassState enclosing, RuntimeSettings settings, ResourcePlan plan,
                       AppliedResources ownResources, BackgroundDeletions background) {
        this.session = session;
        this.enclosing = enclosing;
        this.ownsSession = enclosing == null;
        this.settings = settings;
        this.plan = plan;
        this.ownResources = ownResources;
        this.background = background;
    }

    /** Records a failure here and in the enclosing classes (whose namespace may be kept on failure). */
    void markFailed() {
        failed.set(true);
        if (enclosing != null) {
            enclosing.markFailed();
        }
    }

    boolean failed() {
        return failed.get();
    }

    /** Whether closing deletes the namespace in the background (see {@link BackgroundDeletions}). */
    boolean deletesInBackground() {
        return background != null && !keepsNamespace();
    }

    /** Whether closing keeps the namespace, per {@code k8snet.namespace.keep}. */
    boolean keepsNamespace() {
        return ownsSession && settings.keep(failed());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        // The owner's resources go with its namespace; a nested class removes its own.
        if (ownResources != null && !ownsSession) {
            try {
                ownResources.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (ownsSession) {
            try {
                session.close(keepsNamespace(), background);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
