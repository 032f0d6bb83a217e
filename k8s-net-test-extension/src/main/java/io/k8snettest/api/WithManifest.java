package io.k8snettest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Applies YAML manifests, as written, into the test namespace: before all tests when on the
 * class, before the test when on a method (and removed after it).
 *
 * <p>Each location is looked up on the classpath (relative to the test class's package first,
 * then from the root; a {@code classpath:} prefix forces the classpath) and otherwise as a file
 * path. A missing file or invalid YAML is a configuration error before anything touches the
 * cluster. Namespaced objects without a namespace, or with any namespace, are put into the test
 * namespace, so manifests written for {@code kubectl -n X apply} apply unchanged; except that
 * {@code ${k8snet.namespace:<logical>}} anywhere in an object is the generated name of that
 * companion namespace (created on first use) and {@code ${k8snet.namespace}} that of the test
 * namespace, so {@code namespace: ${k8snet.namespace:x}} places the object in companion {@code x}
 * and a {@code kubernetes.io/metadata.name} selector can name a namespace of the test.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(WithManifest.List.class)
public @interface WithManifest {

    /** Manifest locations (classpath resource or file path). */
    String[] value();

    /** Wait until the Deployments the manifests declare have every replica Ready. Default {@code true}. */
    boolean awaitReady() default true;

    /** Container of repeated {@link WithManifest}. */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {
        WithManifest[] value();
    }
}
