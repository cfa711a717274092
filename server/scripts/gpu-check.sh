#!/usr/bin/env bash
# GPU check for the training backends (issue 3), run from the repo root on the GPU machine:
#   bash server/scripts/gpu-check.sh            (prints one JSON report on stdout, progress on stderr)
# Needs .dev/gpu-check/ built here first by server/scripts/gpu-check-build.sh; carry ".dev" (and ".gl" with
# the Vulkan loader .debs when the machine lacks libvulkan, see the device README). Node: `node` on PATH,
# else .dev/node/bin/node, else .dev/node*.tar.xz unpacked to /tmp. Finishes in under 3 minutes.
set -uo pipefail
root=$(pwd)
dir="$root/.dev/gpu-check"
[ -f "$dir/gpu-check.cjs" ] || { echo "gpu-check: $dir/gpu-check.cjs missing: run server/scripts/gpu-check-build.sh here first" >&2; exit 2; }

node_bin=$(command -v node || true)
if [ -z "$node_bin" ] && [ -x "$root/.dev/node/bin/node" ]; then node_bin="$root/.dev/node/bin/node"; fi
if [ -z "$node_bin" ]; then
  tarball=$(ls "$root"/.dev/node*.tar.xz 2>/dev/null | head -1)
  if [ -n "$tarball" ]; then
    mkdir -p /tmp/rlab-node && tar -xJf "$tarball" -C /tmp/rlab-node
    node_bin=$(find /tmp/rlab-node -path '*/bin/node' -type f | head -1)
  fi
fi
[ -n "$node_bin" ] || { echo "gpu-check: no node: not on PATH, no .dev/node/bin/node, no .dev/node*.tar.xz" >&2; exit 2; }
echo "gpu-check: node $("$node_bin" --version) at $node_bin" >&2

# Vulkan loader: unpack carried .debs when the system has none
if ! ldconfig -p 2>/dev/null | grep -q libvulkan; then
  if ls "$root"/.gl/*.deb >/dev/null 2>&1; then
    for f in "$root"/.gl/*.deb; do dpkg -x "$f" /; done
    ldconfig
  else
    echo "gpu-check: no libvulkan on this machine and no .gl/*.deb carried: webgpu will report unavailable" >&2
  fi
fi
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && [ -z "${VK_DRIVER_FILES:-}" ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >&2 2>/dev/null || true

dawn="$dir/node_modules/webgpu/dist/linux-x64/dawn.node"
[ -f "$dawn" ] || xz -dc "$dawn.xz" > "$dawn"

cd "$dir"
RLAB_WASM_DIR="$dir/wasm/" timeout 170 "$node_bin" gpu-check.cjs
rc=$?
[ $rc -eq 124 ] && echo "gpu-check: timed out after 170 s" >&2
exit $rc
