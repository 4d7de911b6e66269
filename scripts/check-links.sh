#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The doc links gate (scripts/lint.sh fast runs it): every relative link and image in README.md,
# docs/*.md and the crate READMEs (pallets/*/README.md, runtime/README.md, sim/README.md) must
# point to a file or directory that exists. Checked: markdown links and images `[text](target)`,
# reference definitions `[label]: target`, and HTML `<img src="…">` / `<a href="…">`. Skipped:
# fenced code blocks, inline code spans, targets with a scheme (https:, mailto:, …) and pure
# `#anchor`s; a `#anchor` or `?query` suffix is dropped before the check (anchors are not checked).
# A target resolves from the linking file's directory, or from the repository root when it starts
# with `/`. No network. Exits non-zero listing each broken link as file:line: target.
# Usage: scripts/check-links.sh [file.md...]   (no argument: the files above)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

shopt -s nullglob
if [ $# -gt 0 ]; then
	files=("$@")
else
	files=(README.md docs/*.md pallets/*/README.md runtime/README.md sim/README.md)
fi

broken=0
checked=0

# check FILE LINE TARGET: counts the link, reports it if it does not resolve.
check() {
	local file=$1 line=$2 target=$3 path
	# <target> form, then drop a title, the anchor and the query.
	target=${target#<}
	target=${target%>}
	target=${target%%#*}
	target=${target%%\?*}
	[ -n "$target" ] || return 0 # a pure #anchor
	if [[ $target =~ ^[A-Za-z][A-Za-z0-9+.-]*: ]]; then
		return 0 # https:, http:, mailto:, …
	fi
	target=${target//%20/ }
	checked=$((checked + 1))
	if [[ $target == /* ]]; then
		path="$root$target"
	else
		path="$(dirname "$file")/$target"
	fi
	if [ ! -e "$path" ]; then
		echo "$file:$line: $target" >&2
		broken=$((broken + 1))
	fi
}

# check_matches FILE LINE TEXT REGEX GROUP: checks the target (capture GROUP) of every match of
# REGEX in TEXT, left to right.
check_matches() {
	local file=$1 n=$2 rest=$3 re=$4 group=$5 match
	while [[ $rest =~ $re ]]; do
		match=${BASH_REMATCH[0]}
		check "$file" "$n" "${BASH_REMATCH[$group]}"
		rest=${rest#*"$match"}
	done
}

# The patterns, kept in variables so that bash takes them as regular expressions verbatim.
re_fence='^[[:space:]]*(```+|~~~+)'
re_code='(``[^`]*(`[^`]+)*``|`[^`]*`)'
re_refdef='^ {0,3}\[[^]]+\]:[[:space:]]*([^[:space:]]+)'
re_link='\]\([[:space:]]*(<[^>]*>|[^[:space:])]*)[^)]*\)'
re_html="<(img|a)[[:space:]][^>]*(src|href)=[\"']([^\"']*)[\"']"

for file in "${files[@]}"; do
	[ -f "$file" ] || {
		echo "$file: no such file" >&2
		broken=$((broken + 1))
		continue
	}
	n=0
	fence=""
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		# Fenced code blocks: ``` or ~~~ (indented too, as in a list), closed by the same fence.
		if [[ $line =~ $re_fence ]]; then
			mark=${BASH_REMATCH[1]}
			if [ -z "$fence" ]; then
				fence=$mark
			elif [ "${mark:0:1}" = "${fence:0:1}" ] && [ ${#mark} -ge ${#fence} ]; then
				fence=""
			fi
			continue
		fi
		[ -z "$fence" ] || continue
		# Inline code spans: `…` (and ``…``) hold no links.
		while [[ $line =~ $re_code ]]; do
			line=${line/"${BASH_REMATCH[0]}"/ }
		done
		# Reference definitions: [label]: target
		if [[ $line =~ $re_refdef ]]; then
			check "$file" "$n" "${BASH_REMATCH[1]}"
		fi
		# Inline links and images: [text](target "title") / ![alt](target)
		check_matches "$file" "$n" "$line" "$re_link" 1
		# HTML: <img src="…">, <a href="…">
		check_matches "$file" "$n" "$line" "$re_html" 3
	done <"$file"
	if [ -n "$fence" ]; then
		echo "$file: a code fence ($fence) is never closed" >&2
		broken=$((broken + 1))
	fi
done

if [ "$broken" -gt 0 ]; then
	echo "doc links: $broken broken (of $checked relative links in ${#files[@]} files)" >&2
	exit 1
fi
echo "doc links: all $checked relative links in ${#files[@]} files resolve"
