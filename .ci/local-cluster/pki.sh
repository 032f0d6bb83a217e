# Certificates and kubeconfigs for the local cluster (sourced by up.sh after common.sh).
# shellcheck shell=bash

# cert name CN O [SANs] -> $PKI/name.{key,crt} signed by the cluster CA (EC P-256).
pki_cert() {
  local name="$1" cn="$2" org="$3" sans="${4:-}" subj ext
  subj="/CN=$cn"; [[ -n "$org" ]] && subj="/O=$org$subj"
  openssl ecparam -name prime256v1 -genkey -noout -out "$PKI/$name.key" 2>/dev/null
  openssl req -new -key "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  ext="$PKI/$name.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ -n "$sans" ]]; then
      echo "extendedKeyUsage=serverAuth,clientAuth"
      echo "subjectAltName=$sans"
    else
      echo "extendedKeyUsage=clientAuth"
    fi
  } >"$ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 365 -sha256 -extfile "$ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$ext"
}

# pki_kubeconfig file cert-name: client-certificate kubeconfig with embedded data (templates/kubeconfig.yaml).
# shellcheck disable=SC2034  # the upper-case locals are read by render
pki_kubeconfig() {
  local file="$1" USER_NAME="$2" CA_DATA CERT_DATA KEY_DATA
  CA_DATA="$(base64 -w0 <"$PKI/ca.crt")"
  CERT_DATA="$(base64 -w0 <"$PKI/$USER_NAME.crt")"
  KEY_DATA="$(base64 -w0 <"$PKI/$USER_NAME.key")"
  (umask 077 && render kubeconfig.yaml >"$file")
  chmod 600 "$file"
}

pki_all() {
  rm -rf "$PKI"; mkdir -p "$PKI"; chmod 700 "$PKI"
  openssl ecparam -name prime256v1 -genkey -noout -out "$PKI/ca.key" 2>/dev/null
  openssl req -x509 -new -key "$PKI/ca.key" -subj "/CN=k8snet-local-ca" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$PKI/ca.crt" 2>/dev/null
  pki_cert apiserver kube-apiserver "" \
    "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN,DNS:localhost,DNS:$NODE_NAME,IP:$API_SERVICE_IP,IP:$NODE_IP,IP:127.0.0.1"
  pki_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
  pki_cert admin k8snet-admin system:masters
  pki_cert controller-manager system:kube-controller-manager ""
  pki_cert scheduler system:kube-scheduler ""
  pki_cert kubelet "system:node:$NODE_NAME" system:nodes
  pki_cert kube-proxy system:kube-proxy ""
  pki_cert kube-router k8snet:kube-router ""
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  local c
  pki_kubeconfig "$KUBECONFIG_ADMIN" admin   # published by up.sh only once everything is up
  for c in controller-manager scheduler kubelet kube-proxy kube-router; do
    pki_kubeconfig "$STATE/$c.kubeconfig" "$c"
  done
}
