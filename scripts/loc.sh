#!/usr/bin/env bash
# Lines of TypeScript per folder, the generated description literals (.gitattributes `linguist-generated`) counted
# apart: they are written by `npm run descriptions`, not by hand. Files as the working tree has them.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
source scripts/generated.sh
count() { local n; n=$(xargs -r cat | wc -l); echo "$n"; }
printf '%-22s %8s\n' folder lines
for dir in nodes/shared nodes/Daily nodes/DigitalSamba nodes/MiroTalk credentials test bench scripts; do
	printf '%-22s %8s\n' "$dir" "$(git ls-files --cached --others --exclude-standard "$dir" | grep -E '\.(ts|js|mjs)$' | written | count)"
done
printf '%-22s %8s\n' "generated (apart)" "$(git ls-files nodes | generated | count)"
