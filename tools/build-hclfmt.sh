#!/usr/bin/env bash
# Builds hclfmt, HashiCorp's own HCL parser and formatter, from the HCL v2 source Debian packages.
#
# hclfmt formats with hclwrite.Format, as `terraform fmt` does, so it is the tests' oracle for "the Terraform we
# wrote parses with the real HCL parser and is laid out as terraform fmt lays it out":
#   hclfmt -check FILE.tf              non-zero on a syntax error
#   hclfmt -require-no-change FILE.tf  non-zero when the file is not canonically formatted
#
# Usage: tools/build-hclfmt.sh [OUTPUT]     (default .tools/hclfmt; prints the binary's path)
# Debian's packages are installed when missing (root, as in CI). A binary already at OUTPUT is kept once it has
# passed the same check a fresh build must pass.
set -euo pipefail

output=${1:-.tools/hclfmt}
source_package=golang-github-hashicorp-hcl-v2-dev
gopath=/usr/share/gocode
command_path=github.com/hashicorp/hcl/v2/cmd/hclfmt

# A working hclfmt accepts a canonical file and rejects a misaligned one: a binary that fails either way, or
# passes everything, is no oracle.
works() {
  local binary=$1 probe
  probe=$(mktemp -d)
  printf 'a   = 1\nbcd = 2\n' >"$probe/canonical.tf"
  printf 'a = 1\nbcd = 2\n' >"$probe/misaligned.tf"
  local verdict=0
  "$binary" -require-no-change "$probe/canonical.tf" >/dev/null 2>&1 || verdict=1
  ! "$binary" -require-no-change "$probe/misaligned.tf" >/dev/null 2>&1 || verdict=1
  rm -rf "$probe"
  return $verdict
}

if [ -x "$output" ] && works "$output"; then
  echo "$output"
  exit 0
fi

missing=()
command -v go >/dev/null 2>&1 || missing+=(golang-go)
[ -d "$gopath/src/$command_path" ] || missing+=("$source_package")
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian lays Go libraries out as a GOPATH (no modules, no network): build in GOPATH mode, with a build cache of
# our own so nothing is written under /usr.
mkdir -p "$(dirname "$output")"
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
GO111MODULE=off GOPATH=$gopath GOCACHE=$cache GOFLAGS= go build -o "$output.partial" "$command_path"
mv "$output.partial" "$output"

if ! works "$output"; then
  echo "build-hclfmt: the hclfmt built at $output does not format as expected" >&2
  exit 1
fi
echo "$output"
