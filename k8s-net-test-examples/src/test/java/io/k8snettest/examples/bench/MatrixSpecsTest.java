package io.k8snettest.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8snettest.api.ModelSpec;
import org.junit.jupiter.api.Test;

/** Pure: the matrix phases' models have the sizes their names say, and the kubectl script gets the same model. */
class MatrixSpecsTest {

    @Test
    void sourcesTimesTargetsAsNamed() {
        assertShape(MatrixBenchmark.SPEC_3X3, 3, 3);
        assertShape(MatrixBenchmark.SPEC_9X18, 9, 18);
        assertShape(MatrixBenchmark.SPEC_20X20, 20, 20);
        assertThat(MatrixBenchmark.SPEC_9X18).isEqualTo(ModelSpec.standard()); // upstream's model
    }

    @Test
    void theKubectlScriptGetsTheSameNamespacesPodsAndPorts() {
        assertThat(Benchmark.matrixArgs("matrix-9x18", 5, MatrixBenchmark.SPEC_9X18))
                .containsExactly("matrix-9x18", "5", "x,y,z", "a,b,c", "80,81");
        assertThat(Benchmark.matrixArgs("matrix-20x20", 1, MatrixBenchmark.SPEC_20X20))
                .containsExactly("matrix-20x20", "1", "x,y,z,w", "a,b,c,d,e", "80");
    }

    private static void assertShape(ModelSpec spec, int sources, int targets) {
        int pods = spec.namespaces().size() * spec.pods().size();
        assertThat(pods).as("sources of %s", spec).isEqualTo(sources);
        assertThat(pods * spec.ports().size() * spec.protocols().size()).as("targets of %s", spec).isEqualTo(targets);
    }
}
