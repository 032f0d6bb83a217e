package io.k8snettest.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NetTest;
import io.k8snettest.api.TestNamespace;
import io.k8snettest.cluster.ClusterHandle;
import io.k8snettest.cluster.ClusterProviders;
import io.k8snettest.cluster.K3sClusterProvider;
import io.k8snettest.config.RuntimeSettings;
import io.k8snettest.config.Settings;
import io.k8snettest.config.SettingsCheck;
import io.k8snettest.config.UnknownSettings;
import io.k8snettest.k8s.AppliedResources;
import io.k8snettest.session.NamespaceSession;
import io.k8snettest.plan.PlanReader;
import io.k8snettest.plan.ReachabilitySpec;
import io.k8snettest.plan.ResourcePlan;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.apiguardian.api.API;

/**
 * The JUnit lifecycle of k8s-net-test; it only maps lifecycle onto resources and delegates:
 * planning to {@link PlanReader}, clusters to {@link ClusterProviders}, everything in the cluster to
 * {@link NamespaceSession}. All state lives in the JUnit {@link ExtensionContext.Store}: the
 * cluster in the root store (once per run), the namespace session in the class store, method
 * resources in the method store.
 */
@API(status = INTERNAL, since = "0.1")
public final class K8sNetTestExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, InvocationInterceptor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(K8sNetTestExtension.class);
    private static final String RUN_ID = "run-id";
    private static final String CLASS_STATE = "class-state";
    private static final String METHOD_RESOURCES = "method-resources";
    private static final String METHOD_PLAN = "method-plan";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        Settings settings = settings(context);
        // Every setting is checked before deciding: a misconfiguration fails, it is never skipped.
        SettingsCheck.validate(settings, keepFromAnnotation(context.getRequiredTestClass()),
                UnknownSettings.fromSystem(context.getRequiredTestClass().getClassLoader()),
                List.of(K3sClusterProvider::checkSettings));
        PlanReader.requireProbeImage(settings);
        ClusterConditions.validate(context);
        ClusterResource cluster = cluster(context, settings);
        Optional<String> reason = cluster.unavailableReason();
        if (reason.isEmpty() || settings.bool(K8sNetTest.REQUIRE_CLUSTER_KEY, false)) {
            return ConditionEvaluationResult.enabled("a cluster is available or required");
        }
        cluster.tellSkippedOnce(reason.get());
        return ConditionEvaluationResult.disabled("k8s-net-test: no Kubernetes cluster: " + reason.get()
                + ". Set " + K8sNetTest.REQUIRE_CLUSTER_KEY + "=true to make this a failure.");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Settings settings = settings(context);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ClassState enclosing = store.get(CLASS_STATE, ClassState.class);
        // Plan (and reject misuse) before anything touches the cluster.
        ResourcePlan read = enclosing == null ? PlanReader.readTree(testClass, settings)
                : PlanReader.readClass(testClass, settings);
        if (enclosing != null) {
            ResourcePlan plan = cluster(context, settings).loadImages(testClass, settings, read);
            AppliedResources own = plan.createsNothing() ? null : enclosing.session.apply(plan);
            store.put(CLASS_STATE, ClassState.nested(enclosing, plan, own));
            return;
        }
        RuntimeSettings runtime = RuntimeSettings.resolve(settings, keepFromAnnotation(testClass));
        ClusterResource cluster = cluster(context, settings);
        cluster.unavailableReason().ifPresent(reason -> {
            throw new ExtensionConfigurationException(K8sNetTest.REQUIRE_CLUSTER_KEY
                    + "=true but no Kubernetes cluster is available: " + reason);
        });
        ClusterHandle handle = cluster.handle(settings);
        ResourcePlan plan = cluster.loadImages(testClass, settings, read);
        String runId = runId(context);
        List<String> removed = cluster.removeStaleNamespacesOnce(
                () -> NamespaceSession.removeStaleNamespaces(handle.client(), runtime, runId));
        if (!removed.isEmpty()) {
            context.publishReportEntry("k8snet.stale-namespaces-removed", String.join(",", removed));
        }
        NamespaceSession session = NamespaceSession.open(handle.client(), runtime, runId, testClass.getName(),
                cluster.policyEnforcement(), cluster.heartbeat(handle));
        session.useImageLoading(image -> cluster.loadImage(image, settings));
        ClassState state = ClassState.owner(session, runtime, plan,
                runtime.deleteInBackground() ? cluster.backgroundDeletions() : null);
        store.put(CLASS_STATE, state);
        context.publishReportEntry("k8snet.namespace", session.namespace());
        if (!plan.createsNothing()) {
            session.apply(plan);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassState state = context.getStore(NAMESPACE).remove(CLASS_STATE, ClassState.class);
        if (state == null) {
            return;
        }
        if (context.getExecutionException().isPresent()) {
            state.markFailed();
        }
        if (state.keepsNamespace()) {
            context.publishReportEntry("k8snet.namespace.kept", state.session.namespace());
        } else if (state.deletesInBackground()) {
            context.publishReportEntry("k8snet.namespace.deletion", "requested; awaited in the background and verified"
                    + " gone before the run ends (" + K8sNetTest.NAMESPACE_DELETE_KEY + "=background)");
        }
        state.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ClassState state = classState(context);
        Method method = context.getRequiredTestMethod();
        ResourcePlan methodPlan = cluster(context, settings(context)).forLoadedImages(
                PlanReader.readMethod(method, context.getRequiredTestClass(), state.plan, settings(context)));
        context.getStore(NAMESPACE).put(METHOD_PLAN, methodPlan);
        if (!methodPlan.createsNothing()) {
            context.getStore(NAMESPACE).put(METHOD_RESOURCES, state.session.apply(methodPlan));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            classState(context).markFailed();
        }
        AppliedResources resources =
                context.getStore(NAMESPACE).remove(METHOD_RESOURCES, AppliedResources.class);
        if (resources != null) {
            resources.close();
        }
    }

    /** Declared reachability checks run after the test body returned normally. */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        invocation.proceed();
        verifyDeclaredChecks(context);
    }

    /** Each invocation of a {@code @RepeatedTest}, {@code @ParameterizedTest} or other template runs the checks, as a plain test. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        invocation.proceed();
        verifyDeclaredChecks(context);
    }

    /**
     * A {@code @TestFactory} runs the checks once, after the factory method returned and before any
     * of its dynamic tests runs; when they fail, the factory fails and its dynamic tests do not run.
     */
    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        T dynamicTests = invocation.proceed();
        try {
            verifyDeclaredChecks(context);
        } catch (Throwable failure) {
            if (dynamicTests instanceof AutoCloseable closeable) { // a Stream the engine will never consume
                try {
                    closeable.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
            throw failure;
        }
        return dynamicTests;
    }

    /** The checks of the test's classes (outermost first) and of the method, as planned in {@link #beforeEach}. */
    private static void verifyDeclaredChecks(ExtensionContext context) {
        List<ReachabilitySpec> checks = new ArrayList<>(classChecks(context));
        checks.addAll(context.getStore(NAMESPACE).get(METHOD_PLAN, ResourcePlan.class).checks());
        if (!checks.isEmpty()) {
            classState(context).session.verify(checks, new ContextPublisher(context));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == NetTest.class || type == KubernetesClient.class
                || (type == String.class && parameterContext.isAnnotated(TestNamespace.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ClassState state = extensionContext.getStore(NAMESPACE).get(CLASS_STATE, ClassState.class);
        if (state == null) {
            throw new ParameterResolutionException("k8s-net-test: " + parameterContext.getParameter()
                    + " can only be injected once the test class's namespace exists (test methods, @BeforeEach/@AfterEach,"
                    + " @BeforeAll/@AfterAll and constructors under the default PER_METHOD lifecycle)");
        }
        Class<?> type = parameterContext.getParameter().getType();
        if (type == NetTest.class) {
            return state.session.netTest(new ContextPublisher(extensionContext)); // reports go to the test it was injected into
        }
        if (type == KubernetesClient.class) {
            return state.session.client();
        }
        return state.session.namespace();
    }

    /** Class checks of the test class and its enclosing classes, resolved when each class started. */
    private static List<ReachabilitySpec> classChecks(ExtensionContext context) {
        List<ReachabilitySpec> checks = new ArrayList<>();
        for (Optional<ExtensionContext> c = context.getParent(); c.isPresent(); c = c.get().getParent()) {
            if (c.get().getTestClass().isEmpty()) {
                break;
            }
            if (c.get().getTestMethod().isPresent()) {
                continue; // a template's or factory's container: its store only shows its class's state again
            }
            // Each class level (a @Nested class and its enclosing classes) keeps its own state.
            ClassState state = c.get().getStore(NAMESPACE).get(CLASS_STATE, ClassState.class);
            if (state != null) {
                checks.addAll(0, state.plan.checks());
            }
        }
        return checks;
    }

    private static ClassState classState(ExtensionContext context) {
        ClassState state = context.getStore(NAMESPACE).get(CLASS_STATE, ClassState.class);
        if (state == null) {
            throw new IllegalStateException("k8s-net-test: no namespace session; @K8sNetTest's beforeAll did not run");
        }
        return state;
    }

    static Settings settings(ExtensionContext context) {
        return new Settings(context::getConfigurationParameter, System::getenv);
    }

    static ClusterResource cluster(ExtensionContext context, Settings settings) {
        String explicit = annotation(context.getRequiredTestClass()).map(K8sNetTest::cluster).orElse("");
        var provider = ClusterProviders.select(settings, explicit);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("cluster:" + provider.name(),
                key -> new ClusterResource(provider, settings), ClusterResource.class);
    }

    /** The id of this JUnit run, labelled on every namespace it creates (package-private for the lifecycle tests). */
    static String runId(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RUN_ID,
                key -> UUID.randomUUID().toString().substring(0, 8), String.class);
    }

    private static String keepFromAnnotation(Class<?> testClass) {
        return annotation(testClass).map(K8sNetTest::keepNamespace)
                .filter(k -> k != K8sNetTest.KeepNamespace.DEFAULT)
                .map(k -> k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .orElse(null);
    }

    /** {@code @K8sNetTest} on the class, a meta-annotation, a superclass or an enclosing class. */
    private static Optional<K8sNetTest> annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<K8sNetTest> found = org.junit.platform.commons.support.AnnotationSupport.findAnnotation(c, K8sNetTest.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
