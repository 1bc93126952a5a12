# Shared by scripts/demo and scripts/test: install what a fresh Debian machine lacks, or say in
# one line what to run where this script cannot (no root, no apt-get).
# shellcheck shell=bash

# Installs the Debian packages named that are not installed yet.
need_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "newsgraph setup: install these packages with your system's package manager, then run this again: ${missing[*]}" >&2
    exit 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "newsgraph setup: run as root first: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "newsgraph setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Oxigraph's RocksDB bindings are compiled with clang's libclang.
need_build_tools() {
  command -v cargo >/dev/null 2>&1 || {
    echo "newsgraph setup: install Rust first (https://rustup.rs), then run this again" >&2
    exit 1
  }
  need_debian_packages clang libclang-dev
}
