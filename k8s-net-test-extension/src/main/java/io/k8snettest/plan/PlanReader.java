package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.ExposeService;
import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.NotReachableFrom;
import io.k8snettest.api.ReachableFrom;
import io.k8snettest.api.WithDeployment;
import io.k8snettest.api.WithManifest;
import io.k8snettest.config.Settings;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.apiguardian.api.API;

/**
 * Turns a test class's or test method's annotations into a validated {@link ResourcePlan}, without
 * a cluster. Annotations are found as JUnit finds its own: directly present, meta-present through
 * composed annotations, and repeated.
 *
 * <p>A {@code @Nested} class shares its enclosing class's namespace and resources: its plan holds
 * only its own annotations' resources (created in addition, removed after the nested class), but
 * it may refer to the enclosing classes' deployments and services, and may not reuse their names.
 * Likewise a method's plan holds only the method's own resources and checks, resolved against its
 * class.
 */
@API(status = INTERNAL, since = "0.1")
public final class PlanReader {

    private PlanReader() {
    }

    /** The plan of a test class's own annotations (enclosing classes' resources are not repeated). */
    public static ResourcePlan readClass(Class<?> testClass, Settings settings) {
        requireProbeImage(settings);
        List<ResourcePlan> enclosing = enclosingPlans(testClass, settings);
        ResourcePlan plan = read(testClass, Misuse.where(testClass), testClass, enclosing, checksOf(enclosing), settings);
        return new ResourcePlan(plan.manifests(), plan.deployments(), plan.services(), plan.checks(),
                TestNamespaceLabels.declared(testClass, isInner(testClass), Misuse.where(testClass)));
    }

    /**
     * The plan of a top-level test class, after planning (and so validating) every test method of
     * it and every {@code @Nested} class within, with their test methods: misuse anywhere in the
     * tree is rejected before the class touches the cluster.
     */
    public static ResourcePlan readTree(Class<?> testClass, Settings settings) {
        ResourcePlan plan = readClass(testClass, settings);
        for (Method method : AnnotationSupport.findAnnotatedMethods(testClass, Testable.class,
                HierarchyTraversalMode.TOP_DOWN)) {
            readMethod(method, testClass, plan, settings);
        }
        for (Class<?> nested : ReflectionSupport.findNestedClasses(testClass,
                c -> isInner(c) && AnnotationSupport.isAnnotated(c, Nested.class))) {
            readTree(nested, settings);
        }
        return plan;
    }

    /**
     * The plan of a test method's own annotations, resolved against its class.
     *
     * @param classPlan what {@link #readClass} returned for {@code testClass}
     */
    public static ResourcePlan readMethod(Method method, Class<?> testClass, ResourcePlan classPlan,
                                          Settings settings) {
        List<ResourcePlan> visible = new ArrayList<>(enclosingPlans(testClass, settings));
        visible.add(classPlan);
        return read(method, Misuse.where(method, testClass), method.getDeclaringClass(), visible,
                checksOf(visible), settings);
    }

    /**
     * The configured {@value K8sNetTest#PROBE_IMAGE_KEY} must be an image reference (probe pods would never start).
     * Also called before the skip-or-run decision, so a bad value fails on a machine without a cluster too.
     */
    public static void requireProbeImage(Settings settings) {
        settings.lookup(K8sNetTest.PROBE_IMAGE_KEY).ifPresent(image -> ImageReferences.problem(image).ifPresent(p -> {
            throw Misuse.value(K8sNetTest.PROBE_IMAGE_KEY + " (from " + settings.describeSource(K8sNetTest.PROBE_IMAGE_KEY)
                    + ")", "value", image, p.problem(), p.remedy() + " (the probe image needs sh, wget and nc)");
        }));
    }

    /** Plans of the classes enclosing a {@code @Nested} (inner) class, outermost first. */
    private static List<ResourcePlan> enclosingPlans(Class<?> testClass, Settings settings) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = testClass; isInner(c); c = c.getEnclosingClass()) {
            chain.add(0, c.getEnclosingClass());
        }
        List<ResourcePlan> plans = new ArrayList<>();
        for (Class<?> enclosing : chain) {
            plans.add(read(enclosing, Misuse.where(enclosing), enclosing, List.copyOf(plans), checksOf(plans),
                    settings));
        }
        return plans;
    }

    /** The checks of {@code plans}, which apply together with a nested class's or a method's own. */
    private static List<ReachabilitySpec> checksOf(List<ResourcePlan> plans) {
        return plans.stream().flatMap(plan -> plan.checks().stream()).toList();
    }

    private static boolean isInner(Class<?> c) {
        return c.isMemberClass() && !Modifier.isStatic(c.getModifiers());
    }

    private static ResourcePlan read(AnnotatedElement element, String where, Class<?> anchor,
                                     List<ResourcePlan> visible, List<ReachabilitySpec> inheritedChecks,
                                     Settings settings) {
        PlanValidator validator = PlanValidator.of(visible);
        List<ManifestSpec> manifests = new ArrayList<>();
        for (WithManifest annotation : find(element, WithManifest.class)) {
            if (annotation.value().length == 0) {
                throw Misuse.at(Misuse.origin("WithManifest", where), "value={} names no manifest",
                        "give at least one classpath resource or file path, or remove the annotation");
            }
            for (String location : annotation.value()) {
                ManifestSpec manifest = ManifestLoader.load(location, anchor, annotation.awaitReady(),
                        Misuse.origin("WithManifest", where, "value", location));
                validator.declare(manifest);
                manifests.add(manifest);
            }
        }
        List<DeploymentSpec> deployments = new ArrayList<>();
        for (WithDeployment annotation : find(element, WithDeployment.class)) {
            DeploymentSpec deployment = deployment(annotation, where);
            validator.declare(deployment);
            deployments.add(deployment);
        }
        List<ServiceSpec> services = new ArrayList<>();
        for (ExposeService annotation : find(element, ExposeService.class)) {
            ServiceSpec service = service(annotation, where, validator);
            validator.declare(service);
            services.add(service);
        }
        List<ReachabilitySpec> checks = new ArrayList<>();
        find(element, ReachableFrom.class).forEach(a -> checks.add(CheckReader.reachable(a, where, validator, settings)));
        find(element, NotReachableFrom.class).forEach(a -> checks.add(CheckReader.notReachable(a, where, validator, settings)));
        List<ReachabilitySpec> applying = new ArrayList<>(inheritedChecks);
        applying.addAll(checks);
        PlanValidator.checkConsistency(applying);
        return new ResourcePlan(manifests, deployments, services, checks);
    }

    private static <A extends java.lang.annotation.Annotation> List<A> find(AnnotatedElement element, Class<A> type) {
        return AnnotationSupport.findRepeatableAnnotations(element, type);
    }

    private static DeploymentSpec deployment(WithDeployment d, String where) {
        String origin = Misuse.origin("WithDeployment", where, "name", d.name());
        KubernetesNames.requireDns1123Label(origin, "name", d.name());
        ImageReferences.problem(d.image()).ifPresent(p -> {
            throw Misuse.value(origin, "image", d.image(), p.problem(), p.remedy());
        });
        if (d.replicas() < 0) {
            throw Misuse.value(origin, "replicas", d.replicas(), "is negative", "allowed: 0 or more; fix replicas");
        }
        Set<Integer> ports = new LinkedHashSet<>();
        for (int port : d.port()) {
            KubernetesNames.requirePort(origin, "port", port);
            if (!ports.add(port)) {
                throw Misuse.value(origin, "port", port, "is listed twice", "list each container port once");
            }
        }
        Map<String, String> labels = KubernetesNames.labels(origin, "labels", d.labels());
        if (labels.isEmpty()) {
            labels = Map.of("app", d.name());
        }
        PlacementReader.deployment(origin, d.node(), d.spreadAcrossNodes(), d.replicas());
        return new DeploymentSpec(d.name(), d.image(), d.replicas(), List.copyOf(ports), labels,
                List.of(d.command()), List.of(d.args()), KubernetesNames.env(origin, "env", d.env()), origin,
                d.imagePullPolicy().kubernetesValue(), d.node(), d.spreadAcrossNodes());
    }

    private static ServiceSpec service(ExposeService s, String where, PlanValidator validator) {
        String origin = Misuse.origin("ExposeService", where, "name", s.name().isEmpty() ? null : s.name(),
                "deployment", s.deployment());
        PlanValidator.DeclaredDeployment deployment = validator.deployment(s.deployment(), origin);
        String name = s.name().isEmpty() ? deployment.name() : s.name();
        if (!KubernetesNames.isDns1035Label(name)) {
            String subject = s.name().isEmpty() ? "name (defaulting to deployment \"" + name + "\")" : "name";
            throw Misuse.at(origin, subject + "=" + Misuse.render(name) + " is not a valid service name (DNS-1035"
                    + " label)", KubernetesNames.DNS_1035_LABEL_RULE + "; set name= to a valid service name");
        }
        if (deployment.selector().isEmpty()) {
            throw Misuse.at(origin, "deployment '" + deployment.name() + "' has no spec.selector.matchLabels to"
                    + " select its pods by", "add matchLabels to the deployment or declare the Service in a manifest");
        }
        if (s.targetPort() != -1 && s.port() == -1) {
            throw Misuse.value(origin, "targetPort", s.targetPort(), "is set without port",
                    "set port= (the service port) as well, or omit targetPort");
        }
        int port = s.port();
        if (port == -1) {
            if (deployment.ports().isEmpty()) {
                throw Misuse.at(origin, "port is omitted and deployment '" + deployment.name()
                        + "' declares no container port to default to", "set port=");
            }
            port = deployment.ports().get(0);
        }
        KubernetesNames.requirePort(origin, "port", port);
        int targetPort = s.targetPort() == -1 ? port : s.targetPort();
        KubernetesNames.requirePort(origin, "targetPort", targetPort);
        String type = s.type() == ExposeService.ServiceType.NODE_PORT ? "NodePort" : "ClusterIP";
        return new ServiceSpec(name, deployment.name(), deployment.selector(), deployment.replicas(), port,
                targetPort, s.protocol().name(), type, origin);
    }
}
