#!/usr/bin/env python3
"""A hostile (or unlucky) user's pass over one build of audarma (issue 14).

    scripts/hostile_pass.py BIN [--mem-mib 1024] [--keep]

Each case makes its input in a scratch folder (bombs, odd files, hostile
strings, slips of the output path), runs BIN under a memory limit
(RLIMIT_AS, --mem-mib) and a time limit, and checks what a user is owed:
no panic (exit 101), no abort or signal, no timeout, an exit code that says
what went wrong (2 usage, 3 input, 4 database), a one-line message, no raw
control character on a terminal stream, and a database exactly as it was
when the command failed. The inputs vary the ones the issue names (other
sizes, other tricks), so a fix for one example does not pass by luck.

Prints one line per case (PASS/FAIL, exit code, seconds, peak memory) and a
summary; exits 1 if any case failed. Needs only Python's standard library.
"""

import argparse
import gzip
import hashlib
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

TU = ('<tu><tuv xml:lang="kk"><seg>{kk}</seg></tuv>'
      '<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>')


def tmx(body, header_extra="", lang="kk", prolog=""):
    return (prolog + '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
            f'<header creationtool="t" creationtoolversion="1" segtype="sentence" '
            f'o-tmf="t" adminlang="en" srclang="{lang}" datatype="plaintext"{header_extra}/>'
            f'<body>{body}</body></tmx>\n')


class Pass:
    def __init__(self, binary, mem_mib, root):
        self.bin = binary
        self.mem = mem_mib * 1024 * 1024
        self.root = root
        self.db = os.path.join(root, "h.db")
        self.results = []

    def run(self, args, timeout=60, stdin=b""):
        """Exit code (None: timed out), stdout, stderr, seconds, peak MiB."""
        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (self.mem, self.mem))
        env = dict(os.environ, NO_COLOR="1", AUDARMA_USER="hostile")
        env.pop("AUDARMA_DB", None)
        start = time.monotonic()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
                tempfile.TemporaryFile() as inp:
            inp.write(stdin)
            inp.seek(0)
            proc = subprocess.Popen([self.bin, "--db", self.db] + args, cwd=self.root,
                                    stdin=inp, stdout=out, stderr=err,
                                    preexec_fn=limit, env=env)
            code, peak = None, 0
            while time.monotonic() - start < timeout:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    code = os.waitstatus_to_exitcode(status)
                    peak = usage.ru_maxrss // 1024
                    proc.returncode = code
                    break
                time.sleep(0.02)
            else:
                proc.kill()
                proc.wait()
            out.seek(0)
            err.seek(0)
            return code, out.read(), err.read(), time.monotonic() - start, peak

    def fingerprint(self):
        h = hashlib.sha256()
        for suffix in ("", "-wal"):
            path = self.db + suffix
            if os.path.exists(path):
                with open(path, "rb") as f:
                    h.update(f.read())
        # A -wal that only gained a checkpoint is no change: compare the dump.
        dump = subprocess.run([self.bin, "--db", self.db, "tmx", "export", "-",
                               "--status", "draft", "--status", "translated",
                               "--status", "approved", "--status", "rejected",
                               "--status", "superseded"],
                              capture_output=True).stdout
        docs = subprocess.run([self.bin, "--db", self.db, "docs", "--json"],
                              capture_output=True).stdout
        return hashlib.sha256(dump.split(b"<body>", 1)[-1] + docs).hexdigest()

    def case(self, name, args, want, needle=None, timeout=60, stdin=b""):
        before = self.fingerprint()
        code, out, err, secs, usage = self.run(args, timeout, stdin)
        problems = []
        if code is None:
            problems.append(f"timeout after {timeout} s")
        elif code < 0 or code == 101 or code >= 128:
            problems.append(f"crashed (exit {code})")
        elif code not in want:
            problems.append(f"exit {code}, expected {sorted(want)}")
        text = err.decode("utf-8", "replace")
        if code not in (0, None) and len(text.strip().splitlines()) != 1:
            problems.append(f"{len(text.strip().splitlines())} lines on stderr")
        if needle and needle not in text:
            problems.append(f"message lacks {needle!r}")
        for stream in (out, err):
            if any(b in stream for b in (b"\x1b", b"\x07", b"\x9b")) and b"<tmx" not in stream:
                problems.append("raw control character printed")
        if code not in (0, None) and self.fingerprint() != before:
            problems.append("database changed by a failed command")
        status = "FAIL" if problems else "PASS"
        first = text.strip().splitlines()[0][:110] if text.strip() else ""
        print(f"{status} {name:<46} exit {code} {secs:5.1f}s {usage:5} MiB  "
              f"{'; '.join(problems) or first}")
        self.results.append((name, not problems))
        return code, out, err

    def file(self, name, data):
        path = os.path.join(self.root, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path


def readers(p):
    big = "Сөз " * (96 * 1024 * 1024 // 8)  # about 96 MiB of one segment
    gz = gzip.compress(tmx(TU.format(kk=big, en="x")).encode(), 9)
    p.case("gz bomb: one 96 MiB segment", ["tmx", "import", p.file("seg.tmx.gz", gz)],
           {3}, "[segment-too-long]")
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("m.tmx", "<!--" + "a" * (700 * 1024 * 1024) + "-->" + tmx(""))
    p.case("zip: 700 MiB comment before <tmx>", ["tmx", "import", p.file("c.zip", z.getvalue())],
           {3})
    attrs = " ".join(f'x-a{i}="v"' for i in range(150_000))
    p.case("150k attributes on one <tu>",
           ["tmx", "import", p.file("attrs.tmx", tmx(f"<tu {attrs}></tu>"))], {3}, timeout=20)
    deep = "<ph>" * 50_000 + "x" + "</ph>" * 50_000
    p.case("50k nested inline tags",
           ["tmx", "import", p.file("deep.tmx", tmx(TU.format(kk=deep, en="x")))], {3},
           timeout=20)
    laughs = ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
              + ']>' + tmx(TU.format(kk="&j;", en="x")).split("\n", 1)[1])
    p.case("entity expansion (laughs)", ["tmx", "import", p.file("laughs.tmx", laughs)], {3})
    p.case("element name of 2 MiB",
           ["tmx", "import", p.file("name.tmx", tmx("<" + "n" * (2 << 20) + "/>"))], {3})
    for ref in ("&#x0;", "&#xB;", "&#xDFFF;", "&#xFFFF;", "\x0c", "\ufffe"):
        p.case(f"XML-illegal {ref.encode('unicode_escape').decode()} in a segment (strict)",
               ["tmx", "import", p.file("illegal.tmx", tmx(TU.format(kk="Сөз" + ref, en="x")))],
               {3})
    p.case("xml:lang of 50k characters",
           ["tmx", "import", p.file("lang.tmx", tmx(TU.format(kk="Сөз.", en="x").replace(
               'lang="en"', 'lang="' + "e" * 50_000 + '"')))], {3})
    p.case("xml:lang that reads as SQL",
           ["tmx", "import", p.file("sql.tmx", tmx(TU.format(kk="Сөз.", en="x").replace(
               'lang="en"', "lang=\"en'); DROP TABLE tm_units;--\"")))], {3})
    p.case("/dev/urandom as a TMX", ["tmx", "import", "/dev/urandom"], {3}, timeout=10)
    p.case("/dev/zero as a document", ["import", "/dev/zero", "--name", "z"], {3}, timeout=10)
    fifo = os.path.join(p.root, "pipe.txt")
    os.mkfifo(fifo)
    p.case("a FIFO as a document", ["import", fifo, "--name", "f"], {3}, timeout=10)
    p.case("a FIFO as a TMX", ["tmx", "import", fifo], {3}, timeout=10)
    p.case("80 MiB of random bytes as a document",
           ["import", p.file("video.txt", os.urandom(80 << 20)), "--name", "v"], {3})
    u16 = b"\xff\xfe" + "Сөз ".encode("utf-16-le") + b"\x00\xd8" + "бар.".encode("utf-16-le")
    p.case("UTF-16 with an unpaired surrogate", ["import", p.file("u16.txt", u16)], {3})
    lied = tmx(TU.format(kk="Қазақстан.", en="Kazakhstan.")).replace(
        'encoding="UTF-8"', 'encoding="windows-1251"')
    p.case("windows-1251 declared, UTF-8 inside (strict)",
           ["tmx", "import", p.file("cp.tmx", lied)], {3})
    p.case("a TMX that is only a UTF-16 BOM", ["tmx", "import", p.file("bom.tmx", b"\xff\xfe")],
           {3})
    p.case("an empty zip", ["tmx", "import", p.file("empty.zip", b"PK\x05\x06" + b"\0" * 18)],
           {3})
    future = tmx(TU.format(kk="Болашақ сөйлем.", en="A future.").replace(
        "<tu>", '<tu changedate="20990101T000000Z">'))
    p.case("a change date in 2099 (lenient)", ["tmx", "import", "--lenient",
                                               p.file("future.tmx", future)], {0})
    # One argument can hold at most 128 KiB (MAX_ARG_STRLEN): the longest query a shell passes.
    p.case("a 100 KiB query to suggest", ["suggest", "Сөз " * 15_000, "--to", "en", "--min", "0"],
           {0, 2})


def writers(p):
    doc = p.file("doc.txt", "Бірінші сөйлем. Екінші сөйлем.\n")
    p.case("import the document", ["import", doc], {0})
    for name in ("\x1b[2Jevil", "a\nb", "\x9b31m"):
        p.case(f"document name {name.encode('unicode_escape').decode()}",
               ["import", doc, "--name", name], {2})
    # A bidi override is a character of text, stored; it is never printed raw.
    p.case("document name \\u202eevil (stored)", ["import", doc, "--name", "\u202eevil"], {0})
    _, out, _ = p.case("docs lists it", ["docs"], {0})
    if "\u202e".encode() in out:
        print("FAIL docs printed a raw U+202E")
        p.results.append(("raw bidi override", False))
    for text in ("Hi\x1b[2J", "Hi\x01", "Hi\ufffe", "Hi\x85there"):
        p.case(f"translation {text.encode('unicode_escape').decode()}",
               ["set", "doc", "1", "--to", "en", "--text", text], {2})
    p.case("user =HYPERLINK on a save",
           ["set", "doc", "1", "--to", "en", "--text", "First.", "--user", "=HYPERLINK(1)"], {0})
    code, out, _ = p.case("progress --csv", ["progress", "--by", "person", "--csv"], {0})
    if b"\n=HYPERLINK" in out or b",=HYPERLINK" in out:
        print("FAIL progress --csv                                   formula left live")
        p.results.append(("csv formula", False))
    os.link(p.db, os.path.join(p.root, "other-name"))
    p.case("tmx export onto a hard link of the db",
           ["tmx", "export", os.path.join(p.root, "other-name"), "--force"], {2})
    os.symlink(p.db, os.path.join(p.root, "link.tmx"))
    p.case("report onto a symlink to the db",
           ["report", os.path.join(p.root, "link.tmx"), "--force"], {2})
    p.case("export onto its own source", ["export", "doc", "--to", "en", doc, "--force"], {2})
    sub = os.path.join(p.root, "sub")
    os.mkdir(sub)
    p.case("align --tsv onto an input via ../",
           ["align", doc, doc, "--to", "en", "--tsv", os.path.join(sub, "..", "doc.txt"),
            "--force"], {2})
    p.case("export to a folder that does not exist",
           ["tmx", "export", os.path.join(p.root, "no", "such", "m.tmx")], {2, 3, 4})
    p.case("unknown status to export", ["tmx", "export", "-", "--status", "aproved"], {2})
    p.case("impossible date", ["tmx", "export", "-", "--changed-since", "2026-02-30"], {2})
    p.case("ISO 639-2 target", ["get", "doc", "1", "--to", "eng"], {0, 2})
    p.case("translating into the source language",
           ["set", "doc", "2", "--to", "kk", "--text", "Екінші."], {2})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bin")
    ap.add_argument("--mem-mib", type=int, default=1024)
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    a = ap.parse_args()
    root = tempfile.mkdtemp(prefix="hostile-")
    p = Pass(os.path.abspath(a.bin), a.mem_mib, root)
    subprocess.run([p.bin, "--db", p.db, "init"], check=True, capture_output=True)
    try:
        readers(p)
        writers(p)
    finally:
        if not a.keep:
            shutil.rmtree(root, ignore_errors=True)
    failed = [n for n, ok in p.results if not ok]
    print(f"{len(p.results) - len(failed)} of {len(p.results)} cases passed"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
