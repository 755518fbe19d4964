#!/bin/sh
# Installs the system tools the tests need (real registry, peer clients, browser) when missing.
# Debian/Ubuntu only; elsewhere it prints what to install and exits 1. Quiet and idempotent when
# everything is present. Needs root (or sudo) only when something is missing.
#
#   scripts/ensure-system-deps.sh          install what is missing
#   scripts/ensure-system-deps.sh --check  only report; exit 1 if something is missing
set -eu

CHECK_ONLY=0
[ "${1:-}" = "--check" ] && CHECK_ONLY=1

# "command package" pairs: the command proves the package is installed.
# golang-docker-credential-helpers: real helpers on PATH prove the tests' own PATH keeps the machine's out
# (docker's rules would pick secretservice as the default store), and the helper-failure tests use them.
REQUIRED="docker-registry:docker-registry skopeo:skopeo htpasswd:apache2-utils openssl:openssl chromium:chromium Xvfb:xvfb docker-credential-secretservice:golang-docker-credential-helpers"

have() { command -v "$1" >/dev/null 2>&1; }

missing_pkgs=""
for pair in $REQUIRED; do
  cmd=${pair%%:*}
  pkg=${pair#*:}
  # Ubuntu names the browser chromium-browser; either command satisfies the tests.
  if [ "$cmd" = chromium ] && have chromium-browser; then continue; fi
  have "$cmd" || missing_pkgs="$missing_pkgs $pkg"
done

docker_missing=0
have docker || docker_missing=1

docker_hint() {
  cat >&2 <<'EOF'
ensure-system-deps: no docker CLI found, and no Debian package installs the client alone here.
  The docker interop tests will be skipped (they say so). To run them, install only the client:
    - Debian 13+/Ubuntu 24.04+:  apt-get install docker-cli
    - any Linux: the static client from https://download.docker.com/linux/static/stable/x86_64/
      (unpack docker/docker to /usr/local/bin/docker); no daemon is needed.
    - `apt-get install docker.io` works too but also installs the daemon, containerd and runc.
EOF
}

if [ -z "$missing_pkgs" ] && [ "$docker_missing" = 0 ]; then
  exit 0
fi

if ! have apt-get || ! [ -r /etc/debian_version ]; then
  echo "ensure-system-deps: this is not a Debian-like system. Install these yourself:" >&2
  echo "  - CNCF distribution registry 2.8 as 'docker-registry' on PATH (Debian package docker-registry;" >&2
  echo "    or the 'registry' binary from github.com/distribution/distribution, symlinked as docker-registry)" >&2
  echo "  - skopeo, htpasswd (apache2-utils / httpd-tools), openssl, chromium, Xvfb, docker-credential-helpers" >&2
  echo "  - optional: the docker CLI client (no daemon needed) for the docker interop tests" >&2
  if [ -n "$missing_pkgs" ]; then echo "  missing now:$missing_pkgs" >&2; fi
  exit 1
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if have sudo; then SUDO="sudo"; else
    echo "ensure-system-deps: missing:$missing_pkgs; run as root: apt-get install -y$missing_pkgs" >&2
    exit 1
  fi
fi

# The docker client comes from `docker-cli` where that package exists (Debian 13+, Ubuntu 24.04+);
# docker.io would drag in a daemon, so it is never installed implicitly.
docker_pkg=""
if [ "$docker_missing" = 1 ]; then
  if apt-cache policy docker-cli 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    docker_pkg="docker-cli"
  fi
fi

to_install="$missing_pkgs${docker_pkg:+ $docker_pkg}"
if [ "$CHECK_ONLY" = 1 ]; then
  if [ -n "$to_install" ]; then echo "ensure-system-deps: missing:$to_install" >&2; fi
  if [ "$docker_missing" = 1 ] && [ -z "$docker_pkg" ]; then docker_hint; fi
  # The docker client is optional (its tests skip), so only required packages fail the check.
  if [ -n "$missing_pkgs" ]; then exit 1; fi
  exit 0
fi

if [ -n "$to_install" ]; then
  echo "ensure-system-deps: installing$to_install" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  $SUDO apt-get install -y -qq --no-install-recommends $to_install >/dev/null
  # The Debian registry package ships a service listening on :5000 on all interfaces; tests start
  # their own on 127.0.0.1, so make sure the packaged one is not left running where systemd exists.
  if echo "$to_install" | grep -q docker-registry && have systemctl; then
    $SUDO systemctl disable --now docker-registry >/dev/null 2>&1 || true
  fi
fi

if [ "$docker_missing" = 1 ] && ! have docker; then
  docker_hint
fi
exit 0
