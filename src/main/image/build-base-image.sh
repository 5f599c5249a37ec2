#!/usr/bin/env bash
# Builds the service's base image without a Docker engine or a registry, from Debian's packages only:
#
#   Debian 12 (bookworm) minbase, made by debootstrap, with security updates, ca-certificates and netbase;
#   a Java 17 runtime made by jlink from this machine's JDK 17 (Debian's openjdk-17, the same build the tests
#   run on), trusting the image's own CA certificates;
#   a non-root user vru (uid and gid 1001) whose home is /deployments (root's, read-only to vru); no setuid or
#   setgid programs.
#
# The result is one layer written as a `docker save` tarball (manifest.json, config, gzipped layer), which is the
# format Jib reads for a `tar://` base image (Jib does not read an OCI layout as a base).
#
#   src/main/image/build-base-image.sh [OUTPUT.tar]      (default: target/image/base-image.tar)
#
# Runs as root (debootstrap and chroot need it). The tarball is cached under
# ${VRU_IMAGE_CACHE:-~/.cache/vru-base-image}, keyed by this script, CaCerts.java and the JDK's version, so a
# second run only copies it (the downloaded packages are kept there too); VRU_BASE_IMAGE_REBUILD=1 builds it again (do that now and then for Debian's security
# updates). DEBIAN_MIRROR overrides the mirror (default http://deb.debian.org/debian).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../../.." && pwd)"
output="${1:-$project/target/image/base-image.tar}"
suite=bookworm
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
jdk="${VRU_IMAGE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
# java.se is the whole standard library (Liquibase needs java.beans from java.desktop, the driver java.sql and
# JNDI, Vert.x and Netty jdk.unsupported); the jdk.* modules below are those a server may reach at run time:
# elliptic-curve and PKCS#11 crypto for TLS, DNS, management and JFR for metrics, English locale data, extra
# charsets, and the small HTTP server the dev identity provider's class refers to (never started in production).
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.naming.dns,jdk.management,\
jdk.management.jfr,jdk.jfr,jdk.localedata,jdk.charsets,jdk.httpserver,jdk.net,jdk.security.auth,jdk.security.jgss
app_uid=1001

log() { printf '== %s\n' "$*" >&2; }

[ "$(id -u)" = 0 ] || { echo "build-base-image.sh must run as root (debootstrap, chroot)" >&2; exit 1; }
[ -x "$jdk/bin/jlink" ] && [ -d "$jdk/jmods" ] || {
  echo "no JDK 17 with jmods at $jdk (apt-get install openjdk-17-jdk-headless, or set VRU_IMAGE_JDK)" >&2; exit 1; }
"$jdk/bin/java" -version 2>&1 | grep -q 'version "17' || { echo "$jdk is not a JDK 17" >&2; exit 1; }

jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.version = //p')"
key="$(cat "$0" "$here/CaCerts.java" | sha256sum | cut -c1-16)-jdk-$jdk_version"
cache_dir="${VRU_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vru-base-image}"
cached="$cache_dir/base-image-$key.tar"
mkdir -p "$(dirname "$output")"

if [ -s "$cached" ] && [ "${VRU_BASE_IMAGE_REBUILD:-0}" != 1 ]; then
  log "base image: cached $cached"
  cp "$cached" "$output"
  exit 0
fi

command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }

mkdir -p "$cache_dir"
work="$(mktemp -d "$cache_dir/build.XXXXXX")"
rootfs="$work/rootfs"
cleanup() {
  # debootstrap mounts /proc and /sys in the target while it installs; never delete through a mount.
  for m in proc sys dev/pts dev; do mountpoint -q "$rootfs/$m" 2>/dev/null && umount -l "$rootfs/$m" || true; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

start=$SECONDS
log "debootstrap $suite (minbase) from $mirror"
mkdir -p "$cache_dir/debs"
debootstrap --variant=minbase --include=ca-certificates,netbase --components=main --cache-dir="$cache_dir/debs" \
  "$suite" "$rootfs" "$mirror" \
  > "$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
log "debootstrap took $((SECONDS - start)) s"

log "security updates"
cat > "$rootfs/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main
EOF
chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  sh -c 'apt-get update -qq && apt-get upgrade -y -qq -o Dpkg::Options::=--force-confold && apt-get clean' \
  > "$work/upgrade.log" 2>&1 || { tail -30 "$work/upgrade.log" >&2; exit 1; }

log "user vru ($app_uid) and /deployments"
chroot "$rootfs" groupadd --gid "$app_uid" vru
chroot "$rootfs" useradd --uid "$app_uid" --gid "$app_uid" --home-dir /deployments --no-create-home \
  --shell /usr/sbin/nologin --comment "VRU Outcomes API" vru
# The service's files are root's and read-only to the service (the application image's layers are too): it can
# read its code but not change it. It writes only to /tmp (or whatever volume a deployment mounts).
install -d -o 0 -g 0 -m 0755 "$rootfs/deployments"

log "Java runtime: jlink from $jdk ($jdk_version)"
# No --compress: the layer is gzipped anyway (compressing twice makes the download larger) and classes load
# faster uncompressed. --generate-cds-archive adds the class-data sharing archive that speeds up start-up.
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --include-locales=en \
  --generate-cds-archive --output "$rootfs/opt/java" > "$work/jlink.log" 2>&1 || { cat "$work/jlink.log" >&2; exit 1; }
# The archive for heaps over 32 GB (compressed oops off) is not needed in a container of this size.
rm -f "$rootfs/opt/java/lib/server/classes_nocoops.jsa"
"$jdk/bin/java" "$here/CaCerts.java" "$rootfs/etc/ssl/certs/ca-certificates.crt" \
  "$rootfs/opt/java/lib/security/cacerts" >&2

log "checking the runtime inside the image"
# libjvm.so is loaded by the launcher before the others, so ldd cannot see it from them.
missing="$(chroot "$rootfs" sh -c 'for l in /opt/java/lib/server/libjvm.so /opt/java/lib/libjava.so \
  /opt/java/lib/libnet.so /opt/java/lib/libnio.so /opt/java/lib/libzip.so /opt/java/lib/libjimage.so \
  /opt/java/lib/libmanagement.so /opt/java/lib/libextnet.so /opt/java/lib/libj2pkcs11.so \
  /opt/java/bin/java; do ldd "$l" | grep "not found" | grep -v "^[[:space:]]*libjvm.so " | sed "s|^|$l: |"; done')"
[ -z "$missing" ] || { echo "the runtime needs libraries the image lacks:"$'\n'"$missing" >&2; exit 1; }
# The dynamic loader finds the launcher's libraries through /proc/self/exe ($ORIGIN), as in a container.
mount -t proc proc "$rootfs/proc"
chroot "$rootfs" /opt/java/bin/java -Xshare:on -version >&2
umount "$rootfs/proc"

log "trimming"
find "$rootfs" -xdev -type f -perm /6000 -exec chmod ug-s {} +
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/var/lib/dpkg/*-old "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/var/tmp/* "$rootfs"/root/.??* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/lintian \
  "$rootfs"/var/cache/ldconfig/aux-cache
# Documentation goes, but every package's copyright file stays.
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
# Written by the runtime when the container starts.
: > "$rootfs/etc/resolv.conf"
: > "$rootfs/etc/hostname"
: > "$rootfs/etc/machine-id"
for m in proc sys dev/pts dev; do mountpoint -q "$rootfs/$m" && umount -l "$rootfs/$m"; done
rm -rf "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/* "$rootfs"/run/*

log "writing the image"
layer="$work/layer.tar"
# Deterministic where it is cheap: sorted names, one timestamp, numeric owners, no access or change times.
(cd "$rootfs" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | LC_ALL=C sort \
  | tar --create --file "$layer" --sort=name --numeric-owner --mtime=@0 --format=pax \
        --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime --files-from=-)
diff_id="$(sha256sum "$layer" | cut -d' ' -f1)"
gzip -n -6 "$layer"
layer_digest="$(sha256sum "$layer.gz" | cut -d' ' -f1)"
mkdir -p "$work/image"
mv "$layer.gz" "$work/image/$layer_digest.tar.gz"
debian_version="$(cat "$rootfs/etc/debian_version")"
cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"$app_uid","WorkingDir":"/deployments",
  "Env":["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.base.name":"debian:$suite-minbase","uk.gov.london.vru.base.debian-version":"$debian_version","uk.gov.london.vru.base.java-version":"$jdk_version"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"src/main/image/build-base-image.sh: Debian $debian_version minbase, Java $jdk_version (jlink), user vru $app_uid"}]}
EOF
config_digest="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/image/$config_digest.json"
printf '[{"Config":"%s.json","RepoTags":["vru-base:%s-java17"],"Layers":["%s.tar.gz"]}]\n' \
  "$config_digest" "$suite" "$layer_digest" > "$work/image/manifest.json"
tar --create --file "$work/base-image.tar" --directory "$work/image" --sort=name --mtime=@0 --owner=0 --group=0 \
  --numeric-owner manifest.json "$config_digest.json" "$layer_digest.tar.gz"
mv "$work/base-image.tar" "$cached"
# Keep only this key's tarball.
find "$cache_dir" -maxdepth 1 -name 'base-image-*.tar' ! -name "$(basename "$cached")" -delete
cp "$cached" "$output"
log "base image: $output ($(du -h "$output" | cut -f1), built in $((SECONDS - start)) s)"
