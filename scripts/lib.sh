# Shared by scripts/serve and scripts/test: the Debian packages dealsearch needs, installed
# when missing, and the Release/sanitizer builds. Source it; do not run it.

# Build and run-time packages, one list for both scripts.
DEALSEARCH_PACKAGES=(
  build-essential cmake pkg-config clang-format
  libxapian-dev libicu-dev nlohmann-json3-dev libcpp-httplib-dev libgtest-dev libvalijson-dev libbenchmark-dev
  libgumbo-dev libpoppler-cpp-dev libcurl4-openssl-dev libexpat1-dev zlib1g-dev wdutch
  python3-reportlab  # the tests' PDF fixtures: configuring with tests (the default) needs it
)

# What only the tests need besides: Debian's Chromium for the browser tests (driven by
# playwright-core from tests/browser/package.json, which never downloads a browser), and
# Node.js when the machine has none.
# The benchmark smoke test's peers need client libraries (PostgreSQL, MySQL protocol for Sphinx).
# The shard and replica tests run the real xapian-tcpsrv and xapian-replicate (xapian-tools),
# and haproxy in front of servers (deploy/haproxy.cfg, scripts/cluster).
DEALSEARCH_TEST_PACKAGES=(chromium chromium-driver libpq-dev libmariadb-dev xapian-tools haproxy)
command -v node >/dev/null && command -v npm >/dev/null || DEALSEARCH_TEST_PACKAGES+=(nodejs npm)

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the packages in "$@" that are not installed yet. As root it runs apt-get; otherwise
# it prints the exact command and stops.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "dealsearch needs these Debian packages: ${missing[*]}" >&2
    echo "install them as root, then run this script again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Fonts installed beside others (ReportLab's bring URW's) have been seen to leave fontconfig's
  # cache listing no font at all, and Chromium aborts without fonts: rebuild it.
  if command -v fc-cache >/dev/null; then
    fc-cache -f >/dev/null 2>&1 || true
  fi
}

# Installs the browser tests' npm packages (tests/browser/package-lock.json) when missing.
ensure_browser_test_packages() {
  local dir=$ROOT_DIR/tests/browser
  if [[ -d $dir/node_modules/playwright-core && $dir/node_modules/.package-lock.json -nt $dir/package-lock.json ]]; then
    return 0
  fi
  log "installing the browser tests' npm packages (npm ci in tests/browser)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
}

# Fails when a C++ file differs from .clang-format's style, naming the command that fixes it.
check_format() {
  log "checking the C++ format (clang-format)"
  local files
  mapfile -t files < <(cd "$ROOT_DIR" && find analyzers indexer searcher cli tests bench \
    \( -name '*.cc' -o -name '*.h' \) -type f 2>/dev/null | sort)
  if ! (cd "$ROOT_DIR" && clang-format --dry-run --Werror "${files[@]}"); then
    echo "the files named above differ from .clang-format; run 'clang-format -i FILE' on" \
      "each (from $ROOT_DIR), check the result and commit it" >&2
    return 1
  fi
}

# build DIR TYPE [cmake options...]: configures (once) and builds into DIR.
build() {
  local dir=$1 type=$2
  shift 2
  log "building $type into ${dir#"$ROOT_DIR"/}"
  cmake -S "$ROOT_DIR" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" --parallel "$(nproc)"
}
