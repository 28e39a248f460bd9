#!/usr/bin/env bash
# Builds (or reuses) the pinned binaries of the real test stack into a cache
# outside the repo, keyed by component and version. Idempotent: a component
# whose binary already exists is skipped. Needs only Go and the Go module proxy
# (plus the npm registry for the Perses plugin schemas, see build-plugins.sh).
#
# usage: build-binaries.sh [component...]   (default: all)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.sh
source "$here/versions.sh"
# shellcheck source=lib.sh
source "$here/lib.sh"

cache="$(stack_cache_dir)"
mkdir -p "$cache/logs"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
export CGO_ENABLED=0

build_etcd() {
  local out="$cache/etcd-$ETCD_VERSION"
  [[ -x "$out/etcd" ]] && { log "etcd $ETCD_VERSION: cached"; return; }
  local dir; dir="$(mktemp -d)"
  cat >"$dir/main.go" <<'GO'
// Minimal etcd entry point: etcdmain is what the upstream etcd binary runs.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  (
    cd "$dir"
    go mod init stack/etcd
    go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
    go mod tidy
    go build -trimpath -ldflags "-s -w" -o "$dir/etcd" .
  )
  install_atomic "$dir/etcd" "$out/etcd"
  rm -rf "$dir"
}

build_kubernetes() {
  local out="$cache/kubernetes-$KUBERNETES_VERSION"
  [[ -x "$out/kube-apiserver" && -x "$out/kubectl" ]] && { log "kubernetes $KUBERNETES_VERSION: cached"; return; }
  local dir; dir="$(mktemp -d)"
  local staging="v0.${KUBERNETES_VERSION#v1.}"
  (
    cd "$dir"
    go mod init stack/kubernetes
    go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" >k8s.json
    local modfile
    modfile="$(sed -n 's/.*"GoMod": "\(.*\)".*/\1/p' k8s.json)"
    # k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces
    # them with ./staging paths, which only work inside its own repo. Point
    # each one at its published twin instead.
    grep -E '^\s+k8s\.io/[a-z0-9-]+ v0\.0\.0(\s|$)' "$modfile" | awk '{print $1}' | sort -u >staging.txt
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION" >>go.mod
    while read -r m; do echo "replace $m => $m $staging" >>go.mod; done <staging.txt
    echo "$(wc -l <staging.txt) staging modules replaced at $staging"
    local vpkg=k8s.io/component-base/version cpkg=k8s.io/client-go/pkg/version
    local minor="${KUBERNETES_VERSION#v1.}"; minor="${minor%%.*}"
    local ld="-s -w"
    for p in $vpkg $cpkg; do
      ld+=" -X $p.gitVersion=$KUBERNETES_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
      ld+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
    done
    go build -mod=mod -trimpath -ldflags "$ld" -o "$dir/bin/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl
  )
  install_atomic "$dir/bin/kube-apiserver" "$out/kube-apiserver"
  install_atomic "$dir/bin/kubectl" "$out/kubectl"
  rm -rf "$dir"
}

build_perses() {
  local out="$cache/perses-$PERSES_VERSION"
  [[ -x "$out/perses" ]] && { log "perses $PERSES_VERSION: cached"; return; }
  local dir; dir="$(mktemp -d)"
  local src; src="$(perses_module_dir)"
  cp -r "$src/." "$dir/src" 2>/dev/null || cp -r "$src" "$dir/src"
  chmod -R u+w "$dir/src"
  (
    cd "$dir/src/ui"
    # What scripts/compress_assets.sh generates, with a placeholder page: the
    # stack needs the API, not the web UI.
    mkdir -p app/dist
    echo '<!doctype html><title>Perses (API only)</title>' >app/dist/index.html
    gzip -f app/dist/index.html
    cp embed.go.tmpl embed.go
    { echo '//go:embed app/dist/index.html.gz'; echo 'var embedFS embed.FS'; } >>embed.go
    cd "$dir/src"
    local p=github.com/prometheus/common/version
    go build -trimpath -ldflags "-s -w -X $p.Version=${PERSES_VERSION#v} -X $p.Branch=release" \
      -o "$dir/perses" ./cmd/perses
  )
  install_atomic "$dir/perses" "$out/perses"
  rm -rf "$dir"
}

build_helm() {
  local out="$cache/helm-$HELM_VERSION"
  [[ -x "$out/helm" ]] && { log "helm $HELM_VERSION: cached"; return; }
  local dir; dir="$(mktemp -d)"
  (
    cd "$dir"
    go mod init stack/helm
    echo "require helm.sh/helm/v3 $HELM_VERSION" >>go.mod
    go build -mod=mod -trimpath \
      -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
      -o "$dir/helm" helm.sh/helm/v3/cmd/helm
  )
  install_atomic "$dir/helm" "$out/helm"
  rm -rf "$dir"
}

build_plugins() { bash "$here/build-plugins.sh"; }

components=("$@")
[[ ${#components[@]} -eq 0 ]] && components=(etcd perses plugins helm kubernetes)
# Go on after a failure so one missing component does not hide the state of the others.
failed=()
incomplete=()
for c in "${components[@]}"; do
  if ! run_logged "$c" "build_$c"; then
    # Plugin module versions the Go module proxy refuses are not a build failure: the stack
    # starts with the plugins it has and the tests that need real schemas say they are skipped.
    if [[ "$c" == plugins && "${STACK_REQUIRE_PLUGINS:-0}" != 1 ]]; then incomplete+=("$c"); else failed+=("$c"); fi
  fi
done
if [[ ${#incomplete[@]} -gt 0 ]]; then
  log "WARNING: Perses plugin schemas incomplete, see $cache/perses-plugins-$PERSES_VERSION/MISSING"
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  log "FAILED: ${failed[*]} (cache: $cache)"
  exit 1
fi
log "all done: $cache"
