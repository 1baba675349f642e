#!/usr/bin/env bash
# Read-back check of Audarma's TMX export by other tools (not run in CI).
#
#   scripts/tmx_readback.sh [WORKDIR]
#
# Builds a small Kazakh document with its English and Russian translations
# (the first 40 sentences of NTREX-128 in ../shared/corpora), imports them
# into a fresh database with `audarma tmx import`, exports kk→en, kk→ru and
# all languages, and checks each export with:
#   - xmllint --dtdvalid ../shared/tmx/tmx14.dtd   (apt-get install libxml2-utils)
#   - Translate Toolkit translate.storage.tmx      (pip install translate-toolkit)
#   - OmegaT --mode=console-translate with the export in tm/auto (apt-get install omegat)
# Tools that are not installed are reported and skipped.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d)}
mkdir -p "$WORK"
SHARED=${AUDARMA_SHARED:-}
for d in "$ROOT/../shared" "$ROOT/../../shared"; do
  [[ -z "$SHARED" && -d "$d/tmx" ]] && SHARED=$(cd "$d" && pwd)
done
[[ -n "$SHARED" ]] || { echo "scripts/tmx_readback.sh: ../shared not found" >&2; exit 1; }
(cd "$ROOT" && cargo build --quiet)
BIN="$ROOT/target/debug/audarma"
N=40

python3 - "$SHARED/corpora/ntrex128/ntrex128.kk-en-ru.tsv" "$WORK" "$N" <<'PY'
import csv, sys
from xml.sax.saxutils import escape
tsv, work, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
with open(tsv, encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        rows.append(row)
        if len(rows) == n:
            break
with open(f"{work}/doc.kk.txt", "w", encoding="utf-8") as f:
    f.write("\n\n".join(r["kk"] for r in rows) + "\n")
for lang in ("en", "ru"):
    with open(f"{work}/expected.{lang}.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(r[lang] for r in rows) + "\n")
with open(f"{work}/translations.tmx", "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="readback" '
            'creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="kk" datatype="plaintext"/>\n<body>\n')
    for i, r in enumerate(rows):
        f.write(f'<tu tuid="ntrex-{i+1}"><tuv xml:lang="kk"><seg>{escape(r["kk"])}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(r["en"])}</seg></tuv>'
                f'<tuv xml:lang="ru"><seg>{escape(r["ru"])}</seg></tuv></tu>\n')
    f.write("</body></tmx>\n")
PY

DB="$WORK/readback.db"
rm -f "$DB"*
"$BIN" --db "$DB" init >/dev/null
"$BIN" --db "$DB" tmx import "$WORK/translations.tmx"
for to in en ru all; do
  "$BIN" --db "$DB" tmx export "$WORK/export.$to.tmx" --to "$to"
done

status=0
if command -v xmllint >/dev/null; then
  for to in en ru all; do
    xmllint --noout --nonet --dtdvalid "$SHARED/tmx/tmx14.dtd" "$WORK/export.$to.tmx" 2>/dev/null \
      && echo "xmllint: export.$to.tmx is valid TMX 1.4b" || { echo "xmllint: export.$to.tmx INVALID"; status=1; }
  done
else
  echo "xmllint: not installed (apt-get install libxml2-utils), skipped"
fi

if python3 -c 'import translate.storage.tmx' 2>/dev/null; then
  python3 - "$WORK" "$N" <<'PY' || status=1
import sys
from translate.storage import tmx
work, n = sys.argv[1], int(sys.argv[2])
ok = True
for lang in ("en", "ru"):
    store = tmx.tmxfile.parsefile(f"{work}/export.{lang}.tmx")
    units = [u for u in store.units if u.source]
    expected = open(f"{work}/expected.{lang}.txt", encoding="utf-8").read().splitlines()
    targets = [u.target for u in units]
    same = targets == expected
    ok &= same and len(units) == n
    print(f"translate-toolkit: export.{lang}.tmx: {len(units)} units, targets {'match' if same else 'DIFFER'}; "
          f"first: {units[0].source[:40]!r} -> {units[0].target[:40]!r}")
sys.exit(0 if ok else 1)
PY
else
  echo "translate-toolkit: not installed (pip install translate-toolkit), skipped"
fi

if command -v omegat >/dev/null; then
  for lang in en ru; do
    P="$WORK/omegat-$lang"
    rm -rf "$P"; mkdir -p "$P/source" "$P/target" "$P/tm/auto" "$P/glossary" "$P/dictionary" "$P/omegat"
    cp "$WORK/doc.kk.txt" "$P/source/doc.txt"
    cp "$WORK/export.$lang.tmx" "$P/tm/auto/audarma.tmx"
    cat > "$P/omegat.project" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>kk</source_lang>
    <target_lang>$lang</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
XML
    timeout 300 omegat "$P" --mode=console-translate >"$P/omegat.log" 2>&1 || true
    if [[ -f "$P/target/doc.txt" ]]; then
      got=$(grep -v '^$' "$P/target/doc.txt" || true)
      want=$(cat "$WORK/expected.$lang.txt")
      matched=$(grep -cxFf "$WORK/expected.$lang.txt" <(printf '%s\n' "$got") || true)
      echo "omegat: kk->$lang: $matched of $N segments of target/doc.txt are the exported translations"
      [[ "$matched" == "$N" ]] || status=1
    else
      echo "omegat: kk->$lang: no target/doc.txt (see $P/omegat.log)"; status=1
    fi
  done
else
  echo "omegat: not installed (apt-get install omegat), skipped"
fi
echo "work folder: $WORK"
exit $status
