package io.k8snettest.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What is wrong with an image source, phrased to follow its name ("... does not exist"). */
@API(status = INTERNAL, since = "0.1")
public final class ImageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageException(String problem) {
        super(problem);
    }
}
