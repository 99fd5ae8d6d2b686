#!/usr/bin/env bash
# Retrains the content detector from scratch: installs what the pipeline needs (Debian packages, a
# Python venv from the configured package index, jest/vitest/mocha and a few npm tarballs), collects
# labelled files, runs the real tools to generate labelled outputs, trains with PyTorch, exports ONNX
# and checks onnxruntime-web against PyTorch. Writes models/detector/contentDetector.{onnx,json}.
# Everything heavy runs under `nice -n 19`. Work files: tools/train/.work (git-ignored).
# Usage: bash tools/train/train.sh            (from the repository root; root or passwordless sudo)
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=tools/train
WORK=$(realpath -m "${DETECTOR_WORK:-$HERE/.work}")
export DETECTOR_WORK=$WORK
mkdir -p "$WORK/apt-logs" "$WORK/npm" "$WORK/packs/node_modules"
[ -d node_modules/onnxruntime-web ] || flock /tmp/npm.lock npm install   # the project's own devDependencies (tsx, onnxruntime-web, eslint, typescript)
SUDO=$([ "$(id -u)" = 0 ] && echo || echo sudo)

# Debian: PyTorch and ONNX for training; sources and tools the dataset is made from. The install logs
# are themselves real apt output, kept as samples of the apt class.
APT_PACKAGES=(python3-torch python3-onnx python3-venv golang openjdk-17-jdk openjdk-17-source maven gradle composer googletest
  libglm-dev libcurl4-doc ruby ruby-rspec tree ripgrep clang make git distro-info-data postgresql-15)
$SUDO apt-get update 2>&1 | tee "$WORK/apt-logs/update.log" >/dev/null
for pkg in "${APT_PACKAGES[@]}"; do
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "$pkg" 2>&1 | tee "$WORK/apt-logs/install-$pkg.log" >/dev/null
done
command -v cargo >/dev/null || { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y cargo 2>&1 | tee "$WORK/apt-logs/install-cargo.log" >/dev/null; }

# Python: Debian's torch and onnx seen through a venv that also gets the linters and pytest.
[ -x "$WORK/venv/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$WORK/venv"
"$WORK/venv/bin/pip" install -q ruff flake8 mypy pytest

# npm: the JS test runners, and tarballs of packages that ship TSX sources (unpacked, not installed).
[ -f "$WORK/npm/package.json" ] || echo '{ "name": "detector-tools", "private": true, "version": "0.0.0" }' > "$WORK/npm/package.json"
( cd "$WORK/npm" && flock /tmp/npm.lock npm install --no-audit --no-fund --save-exact jest@30.5.2 vitest@4.1.12 mocha@11.7.5 )
( cd "$WORK/packs" && for p in @react-navigation/native@7.1.8 @react-navigation/elements@2.4.3 @react-navigation/stack@7.3.3 \
    @react-navigation/bottom-tabs@7.3.13 @react-navigation/drawer@7.4.1 @docusaurus/theme-classic@3.10.2 @docusaurus/theme-common@3.10.2 \
    react-native-screens@4.11.1 react-native-safe-area-context@5.4.1; do
    file=$(npm pack --silent "$p" | tail -1); dir=node_modules/${file%.tgz}; mkdir -p "$dir"; tar xzf "$file" -C "$dir" --strip-components=1; rm "$file"
  done )
# Java sources: the modules of the JDK's src.zip.
mkdir -p "$WORK/jdk-src" && ( cd "$WORK/jdk-src" && unzip -q -o /usr/lib/jvm/openjdk-17/lib/src.zip 'java.base/*' 'java.desktop/*' 'java.sql/*' 'java.xml/*' \
  'java.net.http/*' 'java.logging/*' 'jdk.compiler/*' 'jdk.jshell/*' 'java.management/*' 'jdk.httpserver/*' 'java.rmi/*' 'jdk.jfr/*' )

PY="nice -n 19 $WORK/venv/bin/python"
$PY $HERE/collect_files.py
$PY $HERE/gen_outputs.py
$PY $HERE/train.py
nice -n 19 node --import tsx $HERE/verifyOrt.ts
npm run build >/dev/null   # copies the new model into dist/assets
