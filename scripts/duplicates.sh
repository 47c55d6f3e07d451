#!/usr/bin/env bash
# The `duplicates` command over this repository without the generated files (.gitattributes `linguist-generated`:
# the description literals repeat each shared field per operation by design, and would fill every row).
# The command reads the files git tracks, so this runs it on a copy: a throwaway repository holding HEAD without
# them, the working tree laid over it, so `--change` still means "added since HEAD".
#   scripts/duplicates.sh [--change] [--most N] ...   (any option of `duplicates` except --repo and --base)
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
command -v duplicates >/dev/null || { echo "duplicates: the command is not on this machine's PATH" >&2; exit 1; }
for arg in "$@"; do
	case "$arg" in --repo | --base) echo "duplicates.sh: $arg is not supported here (the copy has HEAD only)" >&2; exit 2 ;; esac
done

source scripts/generated.sh
generated=$(git ls-files | generated)
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT

git archive HEAD | tar -x -C "$copy"
(
	cd "$copy"
	git init -q && git add -A && git -c user.name=copy -c user.email=copy@localhost commit -qm HEAD --no-verify
)
# The working tree as it is: tracked files changed or not, untracked ones git does not ignore; deleted ones removed.
git ls-files --cached --others --exclude-standard -z | while IFS= read -r -d '' file; do
	if [ -e "$file" ]; then mkdir -p "$copy/$(dirname "$file")" && cp -p "$file" "$copy/$file"; else rm -f "$copy/$file"; fi
done
# Deleted from the index as well (git rm): not listed above, but still in HEAD's copy.
git diff --name-only --diff-filter=D -z HEAD | while IFS= read -r -d '' file; do rm -f "$copy/$file"; done
# Their removal is committed (only it is staged), so it is not part of the change.
for file in $generated; do git -C "$copy" rm -q --cached --ignore-unmatch "$file"; rm -f "$copy/$file"; done
git -C "$copy" -c user.name=copy -c user.email=copy@localhost commit -qm "HEAD without generated files" --allow-empty --no-verify
echo "(left out, generated: $(echo $generated | tr ' ' ','))"
duplicates --repo "$copy" "$@"
