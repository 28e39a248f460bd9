# Pinned versions of the real test stack. Sourced by build-binaries.sh; the
# launcher reads the same file so the cache keys never drift apart.
ETCD_VERSION=v3.6.16
KUBERNETES_VERSION=v1.36.3
PERSES_VERSION=v0.54.0
HELM_VERSION=v3.22.0
