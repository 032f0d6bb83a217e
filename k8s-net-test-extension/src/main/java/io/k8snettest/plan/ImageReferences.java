package io.k8snettest.plan;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The container image reference grammar ({@code [host[:port]/]path[:tag][@algorithm:digest]}, the
 * path in lower case), checked while planning so a typo is a configuration error, not a pod stuck
 * in {@code InvalidImageName} until a timeout.
 */
@API(status = INTERNAL, since = "0.1")
public final class ImageReferences {

    static final String RULE = "write [registry[:port]/]name[:tag][@sha256:digest], the name in lower case,"
            + " e.g. \"busybox:1.35.0\" or \"mirror.local:5000/library/busybox:1.35.0\"";

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile(NAME + "(?::" + TAG + ")?(?:@" + DIGEST + ")?");
    private static final int MAX_NAME_LENGTH = 255;

    private ImageReferences() {
    }

    /**
     * The reference as container runtimes store it: {@code nginx} becomes {@code docker.io/library/nginx:latest},
     * {@code team/app:dev} becomes {@code docker.io/team/app:dev}; a reference with a registry host (a first
     * component with a dot or port, or {@code localhost}) keeps it; no tag and no digest means {@code :latest}.
     */
    public static String normalize(String image) {
        String reference = image.strip();
        int slash = reference.indexOf('/');
        String first = slash < 0 ? "" : reference.substring(0, slash);
        boolean hasHost = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasHost) {
            reference = (slash < 0 ? "docker.io/library/" : "docker.io/") + reference;
        }
        int end = reference.indexOf('@') >= 0 ? reference.indexOf('@') : reference.length();
        boolean tagged = reference.lastIndexOf(':', end) > reference.lastIndexOf('/', end);
        return tagged || end < reference.length() ? reference : reference + ":latest";
    }

    /** What is wrong with an image reference (phrased to follow the value) and how to fix it. */
    record Problem(String problem, String remedy) {
    }

    /** What is wrong with {@code image} as an image reference; empty if nothing. */
    static Optional<Problem> problem(String image) {
        if (image.isBlank()) {
            return Optional.of(new Problem("is empty", "give a container image, e.g. \"nginx:1.27\""));
        }
        if (image.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(new Problem("contains whitespace", "remove the whitespace"));
        }
        if (!REFERENCE.matcher(image).matches()) {
            return Optional.of(new Problem("is not a container image reference", RULE));
        }
        int end = image.indexOf('@') >= 0 ? image.indexOf('@') : image.length();
        int tag = image.lastIndexOf(':', end);
        String name = tag > image.lastIndexOf('/', end) ? image.substring(0, tag) : image.substring(0, end);
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of(new Problem("has a name longer than " + MAX_NAME_LENGTH + " characters",
                    "use a shorter repository name"));
        }
        return Optional.empty();
    }
}
