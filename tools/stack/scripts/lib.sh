# Shared helpers for the stack build scripts.

stack_cache_dir() { echo "${PERSES_CM_CACHE:-$HOME/.cache/perses-cm}"; }

log() { printf '[stack-build %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# Copy into place via a temp name so a killed build never leaves a half binary
# that the next run would take for a cached one.
install_atomic() {
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2.tmp.$$" && chmod +x "$2.tmp.$$" && mv -f "$2.tmp.$$" "$2"
}

# Runs a build function with its output in a log file and prints its duration.
run_logged() {
  local name="$1" fn="$2" logfile start rc
  logfile="$(stack_cache_dir)/logs/$name.log"
  start=$(date +%s)
  log "$name: building (log: $logfile)"
  # A subshell outside any `if` so that errexit applies inside the function.
  set +e
  { echo "== $(date -u +%FT%TZ) $name"; (set -e; "$fn"); } >>"$logfile" 2>&1
  rc=$?
  set -e
  if [[ $rc -ne 0 ]]; then
    log "$name: FAILED after $(($(date +%s) - start))s, last lines of $logfile:"
    tail -n 30 "$logfile" >&2
    return 1
  fi
  log "$name: ok in $(($(date +%s) - start))s"
}

perses_module_dir() {
  go mod download -json "github.com/perses/perses@$PERSES_VERSION" |
    sed -n 's/.*"Dir": "\(.*\)".*/\1/p'
}
