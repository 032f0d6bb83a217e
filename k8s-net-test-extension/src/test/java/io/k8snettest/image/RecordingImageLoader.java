package io.k8snettest.image;

import io.k8snettest.cluster.ImageLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An image loader for tests that records the names of each load, in order. */
public class RecordingImageLoader implements ImageLoader {

    /** The names of each load. */
    public final List<List<String>> loads = new CopyOnWriteArrayList<>();

    @Override
    public String description() {
        return "the recording loader";
    }

    @Override
    public void load(Path archive, List<String> names) {
        loads.add(names);
    }
}
