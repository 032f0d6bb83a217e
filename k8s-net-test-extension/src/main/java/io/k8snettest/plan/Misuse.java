package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.apiguardian.api.API;

/**
 * The one place that formats misuse messages (of annotations, settings and the programmatic API),
 * so every misuse reads the same way:
 *
 * <pre>{@code <origin>: <element>=<value> <problem>; <remedy>}</pre>
 *
 * for example {@code @WithDeployment(name="web") on MyTest: replicas=-1 is negative; allowed: 0 or more,
 * fix replicas}. The origin names the annotation with its identifying attributes and where it sits
 * ({@link #origin}).
 */
@API(status = INTERNAL, since = "0.1")
public final class Misuse {

    private Misuse() {
    }

    /** {@code <origin>: <problem>; <remedy>}. */
    static ExtensionConfigurationException at(String origin, String problem, String remedy) {
        return new ExtensionConfigurationException(message(origin, problem, remedy));
    }

    /**
     * Misuse of the programmatic API (a {@code NetTest}, {@code ProbeClient} or matrix builder call):
     * {@code <origin>: <problem>; <remedy>}, where the origin names the call.
     */
    public static IllegalArgumentException argument(String origin, String problem, String remedy) {
        return new IllegalArgumentException(message(origin, problem, remedy));
    }

    private static String message(String origin, String problem, String remedy) {
        return origin + ": " + problem + "; " + remedy;
    }

    /** {@code <origin>: <element>=<value> <problem>; <remedy>}. */
    static ExtensionConfigurationException value(String origin, String element, Object value, String problem,
                                                 String remedy) {
        return at(origin, element + "=" + render(value) + " " + problem, remedy);
    }

    /** {@code @Name(attr="v", n=1) on Where}; {@code attributes} alternate names and values, null values are left out. */
    static String origin(String annotation, String where, Object... attributes) {
        StringBuilder text = new StringBuilder("@").append(annotation).append('(');
        String separator = "";
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] == null) {
                continue;
            }
            text.append(separator);
            if (!"value".equals(attributes[i])) {
                text.append(attributes[i]).append('=');
            }
            text.append(render(attributes[i + 1]));
            separator = ", ";
        }
        return text.append(") on ").append(where).toString();
    }

    /** A class as users read it: {@code MyTest}, nested {@code MyTest.Inner}. */
    public static String where(Class<?> testClass) {
        String name = testClass.getName();
        String packageName = testClass.getPackageName();
        return (packageName.isEmpty() ? name : name.substring(packageName.length() + 1)).replace('$', '.');
    }

    /** A test method as users read it: {@code MyTest.method()}. */
    static String where(Method method, Class<?> testClass) {
        return where(testClass) + "." + method.getName() + "()";
    }

    /** Values as they are written in Java annotations: {@code "text"}, {@code 80}, {@code CLUSTER_IP}. */
    public static String render(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** {@code [a, b]}, sorted as given. */
    static String list(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
