# The environment the tests run with on the local cluster; sourced by .ci/run and .ci/soak.sh (one
# place, so a soak runs exactly what CI runs):   source .ci/test-env.sh <kubeconfig> <repo>
# shellcheck shell=bash
# The extension's kubeconfig mode, and no skipping: a missing cluster is a failure here.
export K8SNET_CLUSTER=kubeconfig
export K8SNET_KUBECONFIG="${1:?test-env.sh: kubeconfig path}"
export K8SNET_REQUIRE_CLUSTER=true
# The examples' own image (OwnImageTest): Jib builds it on the Debian JRE the local registry serves
# (images.sh), and the extension imports the tarball into every node's containerd, namespace k8s.io.
export K8SNET_EXAMPLE_BASE_IMAGE=127.0.0.1:5000/k8snet/debian-jre:17
export K8SNET_IMAGES_LOAD_COMMAND="bash ${2:?test-env.sh: repository path}/.ci/local-cluster/load-image.sh {archive}"
