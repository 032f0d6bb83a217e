package io.k8snettest.image;

/** What is wrong with an image source, phrased to follow its name ("... does not exist"). */
public final class ImageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageException(String problem) {
        super(problem);
    }
}
