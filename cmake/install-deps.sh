#!/usr/bin/env bash
# Installs, from Debian 12 packages, only what iamguard needs and the machine lacks.
# Idempotent; run as root (or with sudo available). Nothing else is downloaded, ever.
#   cmake/install-deps.sh            build + test dependencies
#   cmake/install-deps.sh --bench    also what bench/ needs
#   cmake/install-deps.sh --fuzz     also clang for the libFuzzer targets
set -euo pipefail
pkgs=(g++ cmake ninja-build pkg-config libboost-dev libboost-test-dev nlohmann-json3-dev
      libre2-dev libcli11-dev libyaml-cpp-dev)
for arg in "$@"; do
  case "$arg" in
    --bench) pkgs+=(libbenchmark-dev libsimdjson-dev time) ;;
    --fuzz)  pkgs+=(clang libclang-rt-14-dev) ;;
    *) echo "install-deps.sh: unknown option '$arg' (expected --bench or --fuzz)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps.sh: all ${#pkgs[@]} packages present"
  exit 0
fi
echo "install-deps.sh: installing ${missing[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
