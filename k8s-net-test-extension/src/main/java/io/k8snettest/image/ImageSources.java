package io.k8snettest.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.k8snettest.api.K8sNetTest;
import io.k8snettest.api.LoadImage;
import io.k8snettest.config.Settings;
import io.k8snettest.plan.Misuse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.apiguardian.api.API;

/** The images a test class asks for: {@value K8sNetTest#IMAGES_KEY} first, then its {@link LoadImage}s. */
@API(status = INTERNAL, since = "0.1")
public final class ImageSources {

    private ImageSources() {
    }

    /** The sources for {@code testClass} (its own and inherited {@code @LoadImage}s, meta-annotations included). */
    public static List<ImageSource> of(Class<?> testClass, Settings settings) {
        List<ImageSource> sources = new ArrayList<>();
        settings.lookup(K8sNetTest.IMAGES_KEY).ifPresent(list -> Arrays.stream(list.split(","))
                .map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> sources.add(new ImageSource(s, settings.describeSource(K8sNetTest.IMAGES_KEY)
                        + " entry '" + s + "'"))));
        for (LoadImage image : AnnotationSupport.findRepeatableAnnotations(testClass, LoadImage.class)) {
            sources.add(checked(image.value(), "@LoadImage(\"" + image.value() + "\") on " + Misuse.where(testClass)));
        }
        return sources;
    }

    /** The source {@code value}, which must not be empty. */
    public static ImageSource checked(String value, String origin) {
        if (value == null || value.isBlank() || value.strip().equals(ImageSource.DOCKER)) {
            throw new ExtensionConfigurationException(origin + ": value is empty; give a tarball path (e.g."
                    + " \"target/jib-image.tar\"), an OCI layout directory or docker://<reference>");
        }
        return new ImageSource(value.strip(), origin);
    }
}
