#!/usr/bin/env bash
# Assembles the Perses plugins of the pinned Perses version into the cache
# (see assemble-plugins/main.go for the layout and sources).
#
# env: PERSES_PLUGINS_SRC  optional folder of <name>@v<version> module trees,
#      for plugin versions that the Go module proxy does not serve. `pnpm stack:build`
#      sets it to the shared folder's perses-plugins (tools/stack/src/shared.ts).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/versions.sh"
source "$here/lib.sh"

out="$(stack_cache_dir)/perses-plugins-$PERSES_VERSION"
mkdir -p "$out"
# Run outside any Go module so `go run` and `go mod download` do not pick up
# a go.mod from the working directory.
cd "$(mktemp -d)"
go run "$here"/assemble-plugins/*.go \
  -perses-dir "$(perses_module_dir)" -perses-version "$PERSES_VERSION" \
  -out "$out" -src "${PERSES_PLUGINS_SRC:-}"
