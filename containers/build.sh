#!/usr/bin/env bash
# Builds the stage images bgan-prepare, bgan-train, bgan-evaluate and bgan-report, tagged with the
# code version (VERSION-COMMIT[-dirty], as the ./bgan launcher stamps manifests), into the local
# Docker engine. No registry is needed: the base layer is a Debian root file system made here with
# debootstrap, and the images are written as a `docker load` archive (containers/image_archive.py).
#
# Layers, shared by all four images:
#   base   Debian bookworm minbase + openjdk-17-jre-headless + fontconfig and DejaVu fonts; built once,
#          cached as containers/target/base-KEY.tar (KEY: the hash of this recipe)
#   app    /opt/bgan: bgan.jar and lib/, the launcher's layout
#   torch  /opt/bgan/djl: libtorch as DJL unpacks it (train and evaluate only)
# Every layer is a tar with sorted names and one mtime, and each image's config is dated by the
# commit, so rebuilding an unchanged tree gives the same image ids (docs/containers.md).
#
# usage: containers/build.sh          prints "bgan-STAGE:TAG sha256:ID" per image
# environment: BGAN_DEBIAN_MIRROR (default: the machine's apt mirror), BGAN_BASE_REBUILD=1 (debootstrap again)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$root/containers/target"
mkdir -p "$work"

command -v docker >/dev/null || { echo "build.sh: no docker command (apt-get install docker.io)" >&2; exit 1; }
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || { echo "build.sh: the Docker daemon does not answer (start dockerd)" >&2; exit 1; }

# The jars, built by the launcher when the sources changed.
./bgan --version >/dev/null

version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit-dirty"; fi
tag="$version-$commit"
epoch="$(git log -1 --format=%ct 2>/dev/null || echo 0)"

# A deterministic tar of DIR's contents: names sorted, owners numeric, every mtime 1970-01-01, so
# that a layer is its content alone and the base and torch layers stay the same across commits.
layer_tar() {
  local dir="$1" out="$2"; shift 2
  (cd "$dir" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort > "$out.list")
  tar -C "$dir" --no-recursion --numeric-owner --mtime=@0 --format=gnu --verbatim-files-from "$@" -cf "$out" -T "$out.list"
  rm -f "$out.list"
}

# --- base: debootstrap once per recipe ---------------------------------------------------------
suite=bookworm
packages=openjdk-17-jre-headless,fontconfig,fonts-dejavu-core
mirror="${BGAN_DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}"
mirror="${mirror:-$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)}"
[ -n "$mirror" ] || { echo "build.sh: no Debian mirror found; set BGAN_DEBIAN_MIRROR" >&2; exit 1; }
# The recipe: this script from layer_tar to the app layer.
base_key="$(printf '%s\n' "$suite" "$packages" "$(sed -n '/^layer_tar() {/,/^# --- app/p' "$0")" | sha256sum | cut -c1-16)"
base="$work/base-$base_key.tar"
if [ ! -f "$base" ] || [ "${BGAN_BASE_REBUILD:-0}" = 1 ]; then
  command -v debootstrap >/dev/null || { echo "build.sh: no debootstrap (apt-get install debootstrap)" >&2; exit 1; }
  rootfs="$work/rootfs"
  # A debootstrap killed mid-way can leave /proc or /sys mounted in the root file system.
  awk -v r="$rootfs/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r | xargs -r umount
  rm -rf "$rootfs"
  echo "build.sh: debootstrap $suite ($packages) from $mirror ..." >&2
  # SOURCE_DATE_EPOCH: tools that stamp dates into files (pwconv's /etc/shadow) use it instead of today.
  SOURCE_DATE_EPOCH=0 debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" \
    > "$work/debootstrap.log" 2>&1 || { tail -n 5 "$work/debootstrap.log" >&2; exit 1; }
  # What a container gets from the engine (/dev, /proc, /sys) or never needs (logs, package caches and
  # lists, fontconfig's cache, rebuilt in memory on first use), left out because they hold install
  # times, not the environment. Java's cacerts stays (a dataset download needs it) although its
  # entries carry their creation time: two debootstraps differ in that file alone.
  rm -rf "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/* "$rootfs"/var/log/* "$rootfs"/var/cache/apt/* \
    "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/cache/ldconfig/aux-cache \
    "$rootfs"/var/cache/fontconfig/* \
    "$rootfs"/tmp/* "$rootfs"/root/.[!.]*
  chmod 1777 "$rootfs/tmp"
  layer_tar "$rootfs" "$base.part"
  rm -f "$work"/base-*.tar
  mv "$base.part" "$base"
  rm -rf "$rootfs"
fi

# --- app: the jars ----------------------------------------------------------------------------
app="$work/app"
rm -rf "$app"
mkdir -p "$app/opt/bgan/lib"
cp -l pipelines/target/bgan.jar "$app/opt/bgan/"
cp -l pipelines/target/lib/*.jar "$app/opt/bgan/lib/"
layer_tar "$app" "$work/app.tar" --owner=0 --group=0 --mode=u=rwX,go=rX

# --- torch: libtorch unpacked by DJL itself, once per DJL and torch version ----------------------
djl_jar="$(ls pipelines/target/lib/ | grep -E '^pytorch-(jni|native)' | sort | tr '\n' ' ')"
torch_key="$(printf '%s' "$djl_jar" | sha256sum | cut -c1-16)"
torch="$work/torch-$torch_key"
if [ ! -d "$torch" ]; then
  rm -rf "$torch.part"
  DJL_CACHE_DIR="$torch.part/opt/bgan/djl" OPT_OUT_TRACKING=true \
    java -Dai.djl.offline=true -cp "pipelines/target/lib/*" containers/UnpackTorch.java >&2
  mv "$torch.part" "$torch"
fi
layer_tar "$torch" "$work/torch.tar" --owner=0 --group=0 --mode=u=rwX,go=rX

# --- images ---------------------------------------------------------------------------------
python3 containers/image_archive.py --epoch "$epoch" --tag "$tag" \
  --label "dev.bgan.version=$version" --label "dev.bgan.git-commit=$commit" \
  --layer "base=$base" --layer "app=$work/app.tar" --layer "torch=$work/torch.tar" \
  --image prepare=base,app --image train=base,app,torch --image evaluate=base,app,torch --image report=base,app \
  --env train=DJL_CACHE_DIR=/opt/bgan/djl --env evaluate=DJL_CACHE_DIR=/opt/bgan/djl \
  2> "$work/images.txt" | docker load >&2
# The engine holds the layers now; the base tar and the unpacked libtorch stay as the next build's cache.
rm -f "$work/app.tar" "$work/torch.tar"
rm -rf "$app"
cat "$work/images.txt"
