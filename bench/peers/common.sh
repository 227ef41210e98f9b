# Sourced by bench/peers/postgres.sh and sphinx.sh: options, packages, the query driver.
# shellcheck shell=bash disable=SC2034,SC2154

peers_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
peers_root=$(cd "$peers_dir/../.." && pwd)

say() { echo "$peer_name: $*" >&2; }
die() { say "$*"; exit 1; }

# parse_args DEFAULT_PORT "$@": sets docs, queries, work, port, repeat.
parse_args() {
  port=$1
  shift
  docs='' queries='' work='' repeat=3
  while (($#)); do
    case $1 in
      --docs) docs=$2; shift ;;
      --queries) queries=$2; shift ;;
      --work) work=$2; shift ;;
      --port) port=$2; shift ;;
      --repeat) repeat=$2; shift ;;
      -h|--help) sed -n '2,/^set -/p' "$0" | sed '$d;s/^# \{0,1\}//'; exit 0 ;;
      *) die "unknown option '$1' (try --help)" ;;
    esac
    shift
  done
  [[ -n $docs && -n $queries && -n $work ]] || die "--docs, --queries and --work are required"
  [[ -r $docs ]] || die "cannot read $docs"
  [[ -r $queries ]] || die "cannot read $queries"
  docs=$(realpath "$docs")
  queries=$(realpath "$queries")
  mkdir -p "$work"
  work=$(realpath "$work")
}

# ensure_packages PACKAGE...: the project's (installs the missing ones when root, else says
# what to install).
source "$peers_root/scripts/lib.sh"

# driver NAME: prints the path of the query driver, building it when needed. Uses the main
# build's (build/bench/peers/NAME, once bench/CMakeLists.txt has add_subdirectory(peers)) or
# else configures bench/peers on its own in build/bench-peers/. $PEERS_DRIVER_DIR overrides.
driver() {
  local name=$1 dir
  if [[ -n ${PEERS_DRIVER_DIR:-} ]]; then
    [[ -x $PEERS_DRIVER_DIR/$name ]] || die "no $name in \$PEERS_DRIVER_DIR=$PEERS_DRIVER_DIR"
    echo "$PEERS_DRIVER_DIR/$name"
    return
  fi
  if [[ -x $peers_root/build/bench/peers/$name ]]; then
    echo "$peers_root/build/bench/peers/$name"
    return
  fi
  ensure_packages cmake g++ pkg-config nlohmann-json3-dev "${driver_packages[@]}"
  dir=$peers_root/build/bench-peers
  say "building $name in $dir"
  { cmake -S "$peers_dir" -B "$dir" -DCMAKE_BUILD_TYPE=Release &&
    cmake --build "$dir" --target "$name" --parallel "$(nproc)"; } >&2 ||
    die "could not build $name"
  echo "$dir/$name"
}

now() { date +%s.%N; }

# Interrupted or killed: exit, so that the script's EXIT trap stops its server.
trap 'exit 130' INT
trap 'exit 143' TERM

# PEERS_DUMP=FILE: the driver writes what each query returned (warm-up run) to FILE.
dump_args=()
if [[ -n ${PEERS_DUMP:-} ]]; then dump_args=(--dump "$PEERS_DUMP"); fi
