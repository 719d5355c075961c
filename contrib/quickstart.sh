#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# quickstart.sh: install what takeboard needs (Debian), build it, and then
# run it on a demo production, or run the test suite.
#
#   contrib/quickstart.sh [run|build|check]
#
# run    (default) build, create demo/ once, open it
# build  install build dependencies, configure if needed, make
# check  as build, plus the test dependencies, then make check
#
# Environment: CFLAGS is passed to configure (a -Werror in it becomes
# --enable-werror); QUICKSTART_CONFIGURE_FLAGS holds extra configure
# arguments (split on blanks). Every step is skipped when already done, so
# a second run is quiet.

set -eu

me=quickstart

usage() {
	echo "usage: contrib/quickstart.sh [run|build|check]"
}

say() {
	echo "$me: $*"
}

die() {
	echo "$me: $*" >&2
	exit 1
}

if [ $# -gt 1 ]; then
	echo "$me: too many arguments" >&2
	usage >&2
	exit 2
fi
mode=${1:-run}
case $mode in
run|build|check)
	;;
help|-h|--help)
	usage
	exit 0
	;;
*)
	echo "$me: unknown mode '$mode'" >&2
	usage >&2
	exit 2
	;;
esac

# ------------------------------------------------------------ dependencies

# is_installed PKG: true when dpkg knows PKG as installed.
is_installed() {
	case $(dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null) in
	*" ok installed"*)
		return 0
		;;
	esac
	return 1
}

# as_root CMD...: run CMD as root, through sudo when we are not root.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo -n "$@"
	fi
}

install_deps() {
	local missing=() p

	if ! command -v dpkg-query >/dev/null 2>&1; then
		local tests=""
		[ "$mode" != check ] || tests=", and tmux, mandoc, python3 and clang for the tests"
		say "no dpkg-query, so not checking packages; takeboard needs" \
		    "a C compiler, make, autoconf, automake, pkg-config and the" \
		    "ncursesw, sqlite3 (>= 3.31), libcurl (>= 7.66) and cJSON" \
		    "development files$tests" >&2
		return 0
	fi

	# gcc and make are enough; otherwise take the whole toolchain.
	if ! is_installed gcc || ! is_installed make ||
	    ! is_installed libc6-dev; then
		missing+=(build-essential)
	fi
	for p in autoconf automake pkg-config libncurses-dev libsqlite3-dev \
	    libcjson-dev; do
		is_installed "$p" || missing+=("$p")
	done
	# Any libcurl development package will do; installing the OpenSSL
	# one would remove the GnuTLS or NSS one, as they conflict.
	if ! is_installed libcurl4-openssl-dev &&
	    ! is_installed libcurl4-gnutls-dev &&
	    ! is_installed libcurl4-nss-dev; then
		missing+=(libcurl4-openssl-dev)
	fi
	if [ "$mode" = check ]; then
		# sqlite3, curl, time: the benchmarks; clang: the fuzz smoke test
		# of .ci/run (make fuzz).
		for p in tmux mandoc python3 chromium sqlite3 curl time clang; do
			is_installed "$p" || missing+=("$p")
		done
	fi

	[ ${#missing[@]} -gt 0 ] || return 0

	if [ "$(id -u)" -ne 0 ] && ! sudo -n true >/dev/null 2>&1; then
		say "missing packages: ${missing[*]}" >&2
		say "install them with:" >&2
		echo "sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
	say "installing ${missing[*]} ..."
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends "${missing[@]}" \
	    >/dev/null
}

# ------------------------------------------------------------ build

# set_configure_args: set cfg_args to the arguments for ./configure.
set_configure_args() {
	local extra=()

	cfg_args=()
	if [ -n "${QUICKSTART_CONFIGURE_FLAGS:-}" ]; then
		read -r -a extra <<<"$QUICKSTART_CONFIGURE_FLAGS"
		cfg_args+=(${extra[@]+"${extra[@]}"})
	fi
	if [ -n "${CFLAGS+x}" ]; then
		# -Werror in CFLAGS would also apply to configure's own test
		# programs and make some checks fail for the wrong reason
		# (AC_SEARCH_LIBS declares "char sqrt();"), so hand it over
		# as --enable-werror, which applies it to our code only.
		local w words=() cflags=""
		read -r -a words <<<"$CFLAGS"
		for w in ${words[@]+"${words[@]}"}; do
			if [ "$w" = -Werror ]; then
				cfg_args+=(--enable-werror)
			else
				cflags="${cflags:+$cflags }$w"
			fi
		done
		cfg_args+=("CFLAGS=$cflags")
	fi
}

# config_differs: true when CFLAGS or QUICKSTART_CONFIGURE_FLAGS is set and
# config.status was made without one of those arguments. (Arguments given
# before but not now are not noticed: run ./configure yourself for that.)
config_differs() {
	local have want a found

	if [ -z "${CFLAGS+x}" ] && [ -z "${QUICKSTART_CONFIGURE_FLAGS+x}" ]
	then
		return 1
	fi
	have=$(./config.status --config 2>/dev/null) || return 0
	# --config prints the arguments quoted for the shell.
	eval "set -- $have"
	for want in ${cfg_args[@]+"${cfg_args[@]}"}; do
		found=no
		for a; do
			if [ "$a" = "$want" ]; then
				found=yes
				break
			fi
		done
		[ $found = yes ] || return 0
	done
	return 1
}

build() {
	local out

	set_configure_args
	if [ ! -e configure ] || [ configure -ot configure.ac ] ||
	    [ configure -ot Makefile.am ]; then
		say "running autoreconf"
		# Both folders are empty in git until autoreconf fills them.
		mkdir -p build-aux m4
		# Show warnings, not the list of files it copies in.
		if ! out=$(autoreconf -fi 2>&1); then
			printf '%s\n' "$out" >&2
			die "autoreconf failed"
		fi
		if [ -n "$out" ]; then
			printf '%s\n' "$out" | grep -v ": installing '" >&2 || :
		fi
	fi
	if [ ! -e config.status ] || [ config.status -ot configure ] ||
	    config_differs; then
		say "configuring"
		./configure -q ${cfg_args[@]+"${cfg_args[@]}"}
	fi
	# config.h keeps its time when unchanged, so make -q would always
	# want to "remake" it; -o leaves it out of the question.
	if ! make -q -o config.h all-am >/dev/null 2>&1; then
		say "building"
	fi
	make -s -j2
}

# ------------------------------------------------------------ main

install_deps

root=$(cd -- "$(dirname -- "$0")/.." && pwd)
cd -- "$root"
[ -f configure.ac ] || die "$root: no configure.ac here"

build

case $mode in
build)
	;;
check)
	say "running the tests"
	exec make -s -j2 check
	;;
run)
	if [ ! -e demo/takeboard.db ]; then
		say "creating the demo production in demo/"
		src/takeboard demo demo
	fi
	exec src/takeboard -f demo/takeboard.db
	;;
esac
