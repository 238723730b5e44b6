#!/usr/bin/env bash
# Builds and lints every .bicep file under infra/ with the Bicep CLI, treating any warning as an error.
#
#   eng/bicep.sh            install the CLI if needed, then build + lint everything
#   eng/bicep.sh --install  only install (tools/bicep/bin/bicep), print its path
#
# The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a self-contained binary), restored with
# `dotnet restore` of a throwaway project into tools/bicep (git-ignored). A second run finds it and skips the restore.
set -euo pipefail

BICEP_VERSION="${BICEP_VERSION:-0.49.2}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool_dir="$repo_root/tools/bicep"
bicep="$tool_dir/bin/bicep"

install_bicep() {
  if [[ -x "$bicep" ]] && "$bicep" --version 2>/dev/null | grep -q "Bicep CLI version $BICEP_VERSION "; then
    return 0
  fi
  echo "Installing Bicep CLI $BICEP_VERSION (NuGet Azure.Bicep.CommandLine.linux-x64) into tools/bicep ..." >&2
  local work
  work="$(mktemp -d)"
  # A project outside the repository, so the repo's Directory.*.props (central package management) do not apply.
  cat > "$work/bicep-download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
XML
  dotnet restore "$work/bicep-download.csproj" --packages "$work/packages" --verbosity quiet >&2
  mkdir -p "$tool_dir/bin"
  cp "$work/packages/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep" "$bicep.tmp"
  chmod +x "$bicep.tmp"
  mv "$bicep.tmp" "$bicep"
  rm -rf "$work"
  "$bicep" --version >&2
}

install_bicep
if [[ "${1:-}" == "--install" ]]; then
  echo "$bicep"
  exit 0
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failed=0
mapfile -t files < <(cd "$repo_root" && find infra -name '*.bicep' | sort)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "no .bicep files found under infra/" >&2
  exit 1
fi
for f in "${files[@]}"; do
  for cmd in build lint; do
    args=("$cmd" "$repo_root/$f")
    [[ "$cmd" == build ]] && args+=(--outdir "$out/$(dirname "$f")")
    [[ "$cmd" == build ]] && mkdir -p "$out/$(dirname "$f")"
    # Bicep prints diagnostics (warnings and errors) on stderr; any output there fails the check.
    if ! diagnostics="$("$bicep" "${args[@]}" 2>&1 >/dev/null)" || [[ -n "$diagnostics" ]]; then
      echo "FAIL bicep $cmd $f" >&2
      [[ -n "$diagnostics" ]] && echo "$diagnostics" >&2
      failed=1
    else
      echo "ok   bicep $cmd $f"
    fi
  done
done
if [[ $failed -ne 0 ]]; then
  echo "Bicep build/lint reported warnings or errors (warnings count as errors here)." >&2
  exit 1
fi
echo "Bicep: ${#files[@]} files built and linted, no warnings."
