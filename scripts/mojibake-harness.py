#!/usr/bin/env python3
"""Scores the mojibake lint on synthetic damage.

Takes sentences in many languages and scripts (below) and lines of real English prose
(from a corpus folder, when given), damages each through the legacy codecs a page is
misread with, one to three layers deep and in the ways pipelines add (bytes passed
through as C1 controls, a no-break space turned into a space, lost bytes, HTML
character references, CESU-8 emoji, Windows-1252 punctuation read as Latin-1), and
runs the linter on every damaged and every undamaged text:

    python3 scripts/mojibake-harness.py [--bin target/release/scrapelint] [--corpus DIR]

Prints the share of damaged texts found, repaired exactly (every fix applied gives the
original back), and the share of undamaged texts raised, overall and per kind of damage;
then runs a plain safe `--fix` (every default lint) on the damaged texts and counts those
it changes without repairing them, and those it leaves further from their repair.
"""
import argparse, codecs, json, os, random, subprocess, sys, tempfile, collections, html

SENTENCES = """\
Le café est à côté de l’église, où l’on a déjà vu des élèves très fâchés.
Où est la bibliothèque ? Ça dépend : voilà une idée à creuser, n’est-ce pas ?
L’été dernier, nous sommes allés à Montréal et à Québec — c’était génial !
Über die Brücke gehen täglich viele Fußgänger, die Größe ist beeindruckend.
Die Mädchen äßen gern süße Äpfel, sagte der Bürgermeister von Köln.
Señor Muñoz, ¿dónde está la estación? ¡Qué día tan bonito en España!
El niño comió piña y jamón en el año 2019, según la información.
A informação está disponível em português; não há razão para pânico, irmã.
São Paulo e Brasília são cidades grandes; a eleição começa amanhã.
Zażółć gęślą jaźń — mówię po polsku, a Łódź leży w środkowej Polsce.
Příliš žluťoučký kůň úpěl ďábelské ódy; Česká republika je krásná.
Türkçe öğrenmek güzel; İstanbul’da çay içip şarkı söyledik, ağabeyim.
Привет, мир! Москва — столица России, а это обычный текст на русском языке.
Съешь же ещё этих мягких французских булок да выпей чаю.
Γειά σου κόσμε! Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.
Ξεσκεπάζω την ψυχοφθόρα βδελυγμία, είπε ο καθηγητής.
Tiếng Việt có nhiều dấu: người Việt Nam yêu quê hương, phở và cà phê.
Hà Nội là thủ đô của nước Cộng hòa Xã hội chủ nghĩa Việt Nam.
中文的文字很美，我们今天去北京天安门广场散步。
日本語のテキストです。東京は日本の首都で、とても大きな都市です。
ภาษาไทยเป็นภาษาที่สวยงาม กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย
हिन्दी भारत की राजभाषा है और दिल्ली भारत की राजधानी है।
한국어는 아름다운 언어입니다. 서울은 대한민국의 수도입니다.
I ❤️ this place 😀 — the best pizza 🍕 in town! 👍🏽
Weather today: ☀️ 25 °C, tomorrow ☔ — don’t forget your umbrella ✓
Prices rose 5 % to €20 (£17); the “premium” tier costs ¥3,000 — a 10× jump.
He said, “It’s fine,” and left… ‘Really?’ she asked — twice.
Temperature ≤ 30 °C ± 2, angle 45°, area 3 m², ratio ½ and ¾ → done.
Naïve coöperation at the café: the résumé of Zoë Brontë was déjà vu.
Smörgåsbord, fjörd and the Øresund bridge join Malmö with København.
Iñtërnâtiônàlizætiøn is a test word — with “quotes” and ‘apostrophes’.
Ελληνικά και English mixed: the word λόγος means “word”.
Москва and Paris — два города, deux villes, zwei Städte.
Dziękuję bardzo! Proszę pana, gdzie jest ulica Świętokrzyska?
Ľudovít Štúr — slovenčina má mäkčene a dĺžne: ô, ä, ĺ, ŕ.
Latviešu valoda: ģimene, ķirbis, ļoti, ņemt, šodien, žēl, ūdens.
Lietuvių kalba: ąžuolas, ėjimas, įėjimas, ųjų, šiandien, žmonės.
Română: știință, țară, învățământ, și mai departe.
Magyar: árvíztűrő tükörfúrógép, őszi szél és ülő nő.
Dansk og norsk: Æble, øl og blåbær på Ærø.
Українська мова: їжак, ґанок, Київ і Львів — це міста України.
Српски језик: Љубав, Њујорк, Ђорђе и Џон живе у Београду.
עברית היא שפה יפה, ירושלים היא עיר עתיקה.
اللغة العربية جميلة، والقاهرة مدينة كبيرة.
Emoji row: 🎉🎂🎈 party! 🚀 launch, 🐍 python, 🦀 rust.
Fullwidth: ＡＢＣ１２３ and halfwidth ｶﾀｶﾅ in one line.
Math: ∑ x² ≠ ∞, √2 ≈ 1.414, α + β = γ, ∀x ∈ ℝ.
Box: ┌──┐ │ok│ └──┘ and bullets • one • two ▪ three.
""".splitlines()

# Real text that must be left alone: accented capitals by punctuation, symbols, scripts.
TRICKY = """\
CAFÉ® is open.
DÉJÀ… VU!
Pay 5×£20 today.
Use the (“×” marks) to delete.
It was 10 Å— long.
THE ÉLITE™ SERIES — ÉTÉ 2020
À BIENTÔT! À LA CARTE. ÇA VA?
Zürich, Genève ® Österreich © 2021
L’ÉCOLE «ÉTÉ» — CRÈME BRÛLÉE
Ñandú, ÁNGEL, ÉL, ÍNDICE, ÓSCAR, ÚLTIMO.
¿Qué? ¡Sí! «Tal vez» — dijo él.
A±B, C°D, µs, ¼ cup, ½ lb, ¾ in.
SÃO PAULO, IRMÃ, MAÇÃ, LEÃO.
ÂGE, ÊTRE, ÎLE, ÔTER, ÛBER.
Привет — «ПРИВЕТ» — Ёлка — ЁЖИК.
ΑΘΗΝΑ — Αθήνα, ΕΛΛΑΔΑ.
Đà Nẵng, Huế, Hội An — VIỆT NAM.
価格は¥1,000です。「東京」へ。
ราคา ๑๐๐ บาท — ไทย
Ø 12 mm, Å 3, ß, Þ, Ð, ð.
""".splitlines()

CODECS = ["cp1252", "latin-1", "mac_roman", "cp437", "cp1250", "cp1251", "cp1257",
          "iso8859_2", "iso8859_15", "cp1253", "cp1254", "koi8_r"]


def sloppy(err):
    b = err.object[err.start:err.end]
    return "".join(chr(x) for x in b), err.end


codecs.register_error("sloppy", sloppy)


def misread(s, codec, errors="sloppy"):
    return s.encode("utf-8").decode(codec, errors=errors)


def cesu(s):
    out = []
    for ch in s:
        if ord(ch) > 0xFFFF:
            v = ord(ch) - 0x10000
            for u in (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)):
                out.append(bytes([0xE0 | (u >> 12), 0x80 | ((u >> 6) & 0x3F), 0x80 | (u & 0x3F)]))
        else:
            out.append(ch.encode("utf-8"))
    return b"".join(out).decode("cp1252", errors="sloppy")


def entities(s):
    out = []
    for ch in s:
        name = html.entities.codepoint2name.get(ord(ch)) if ord(ch) > 127 else None
        out.append("&%s;" % name if name else ch)
    return "".join(out)


def damages(s):
    """(kind, function) pairs: each function damages a text; every one works a
    character at a time, so a repair can be checked against the characters it covers."""
    out = [(c, lambda t, c=c: misread(t, c)) for c in CODECS]
    out.append(("cp1252 x2", lambda t: misread(misread(t, "cp1252"), "cp1252")))
    out.append(("latin-1+cp1252", lambda t: misread(misread(t, "latin-1"), "cp1252")))
    out.append(("cp1252+mac_roman", lambda t: misread(misread(t, "cp1252"), "mac_roman")))
    out.append(("cp1252 x3", lambda t: misread(misread(misread(t, "cp1252"), "cp1252"), "cp1252")))
    out.append(("nbsp-collapsed", lambda t: misread(t, "cp1252").replace("\xa0", " ")))
    out.append(("lost-bytes", lambda t: misread(t, "cp1252", "replace")))
    out.append(("entities", lambda t: entities(misread(t, "cp1252"))))
    if any(ord(ch) > 0xFFFF for ch in s):
        out.append(("cesu-8", cesu))
    try:
        s.encode("cp1252")
        out.append(("cp1252-as-latin-1", lambda t: t.encode("cp1252").decode("latin-1")))
    except UnicodeEncodeError:
        pass
    return out


def damage(s, rng):
    """(kind, damaged text, byte offsets in it of each character of s) for sentence s."""
    out = []
    for kind, f in damages(s):
        d = f(s)
        if d == s:
            continue
        pieces = [f(ch) for ch in s]
        starts = None
        if "".join(pieces) == d:
            starts, at = [], 0
            for p in pieces:
                starts.append(at)
                at += len(p.encode("utf-8"))
            starts.append(at)
        out.append((kind, d, starts))
    return out


def corpus_lines(folder, n, rng):
    lines = []
    for root, _, files in os.walk(folder):
        for f in sorted(files):
            if f.endswith(".txt"):
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    lines += [l.strip() for l in fh if 40 < len(l.strip()) < 400 and any(ord(ch) > 127 for ch in l)]
    rng.shuffle(lines)
    return lines[:n]


def locale_strings(n, rng):
    """Translated messages of the system's software (/usr/share/locale): real text in
    many languages and scripts."""
    import gettext
    files = []
    for root, _, names in os.walk("/usr/share/locale"):
        files += [os.path.join(root, f) for f in names if f.endswith(".mo")]
    files.sort()
    rng.shuffle(files)
    out, seen = [], set()
    for f in files[:1500]:
        try:
            with open(f, "rb") as fh:
                cat = gettext.GNUTranslations(fh)._catalog
        except Exception:
            continue
        msgs = [m for k, m in cat.items() if k and isinstance(m, str) and 20 < len(m) < 300
                and any(ord(c) > 127 for c in m) and "\n" not in m and m not in seen]
        rng.shuffle(msgs)
        for m in msgs[:3]:
            seen.add(m)
            out.append(m)
    rng.shuffle(out)
    return out[:n]


def lint(binary, folder):
    r = subprocess.run([binary, "lint", "--no-config", "--disable", "all", "--enable", "mojibake",
                        "--format", "json", "-q", folder], capture_output=True, text=True)
    found = collections.defaultdict(list)
    for line in r.stdout.splitlines():
        f = json.loads(line)
        found[os.path.basename(f["path"])].append(f)
    return found


def apply(text, findings):
    data = text.encode("utf-8")
    edits = sorted((e["byte_start"], e["byte_end"], e["replacement"]) for f in findings
                   for e in (f.get("fix") or {}).get("edits", []))
    out, last = b"", 0
    for a, b, rep in edits:
        if a < last:
            continue
        out += data[last:a] + rep.encode("utf-8")
        last = b
    return (out + data[last:]).decode("utf-8")


def distance(a, b):
    """Characters that differ between a and b (insertions, deletions, replacements)."""
    import difflib
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/scrapelint")
    ap.add_argument("--corpus", default="/work/corpora/clean")
    ap.add_argument("--lines", type=int, default=300)
    ap.add_argument("--locale", type=int, default=3000, help="translated messages left undamaged")
    ap.add_argument("--locale-damaged", type=int, default=500, help="of them, how many to damage")
    ap.add_argument("--show", type=int, default=0, help="print this many failures of each kind")
    a = ap.parse_args()
    rng = random.Random(19)
    originals = [s for s in SENTENCES if s.strip()]
    if a.corpus and os.path.isdir(a.corpus):
        originals += corpus_lines(a.corpus, a.lines, rng)
    damaged, clean = [], [(s, "sentence") for s in originals] + [(s, "tricky") for s in TRICKY if s]
    loc = locale_strings(a.locale, rng) if os.path.isdir("/usr/share/locale") else []
    clean += [(s, "locale") for s in loc]
    for s in originals + loc[: a.locale_damaged]:
        for kind, d, starts in damage(s, rng):
            damaged.append((kind, d, s, starts))
    with tempfile.TemporaryDirectory() as tmp:
        dd, cd = os.path.join(tmp, "damaged"), os.path.join(tmp, "clean")
        os.makedirs(dd), os.makedirs(cd)
        for i, (_, d, _, _) in enumerate(damaged):
            with open(os.path.join(dd, "%05d.txt" % i), "w", encoding="utf-8") as fh:
                fh.write(d)
        for i, (s, _) in enumerate(clean):
            with open(os.path.join(cd, "%05d.txt" % i), "w", encoding="utf-8") as fh:
                fh.write(s)
        fd, fc = lint(a.bin, dd), lint(a.bin, cd)
        # A plain safe `--fix` with every default lint: texts it changes must come out repaired.
        subprocess.run([a.bin, "lint", "--no-config", "--fix", "-q", dd], capture_output=True)
        fixed = {}
        for i in range(len(damaged)):
            with open(os.path.join(dd, "%05d.txt" % i), encoding="utf-8") as fh:
                fixed[i] = fh.read()
    per = collections.defaultdict(lambda: [0, 0, 0])
    misses = collections.defaultdict(list)
    # Each repair checked against the characters it covers: right or wrong, safe or not.
    hits = collections.Counter()
    wrong_safe = []
    for i, (kind, d, s, starts) in enumerate(damaged):
        fs = fd.get("%05d.txt" % i, [])
        for f in fs if starts else []:
            fix = f.get("fix") or {}
            for e in fix.get("edits", []):
                lo, hi = e["byte_start"], e["byte_end"]
                ok = lo in starts and hi in starts and s[starts.index(lo):starts.index(hi)] == e["replacement"]
                safe = fix.get("applicability") == "safe"
                hits[(safe, ok)] += 1
                if safe and not ok:
                    wrong_safe.append((kind, f["message"]))
        ok = bool(fs) and apply(d, fs) == s
        per[kind][0] += 1
        per[kind][1] += bool(fs)
        per[kind][2] += ok
        if not ok:
            misses[kind].append((d, apply(d, fs) if fs else None, s))
    n = len(damaged)
    found = sum(v[1] for v in per.values())
    exact = sum(v[2] for v in per.values())
    raised = [(s, k, fc["%05d.txt" % i]) for i, (s, k) in enumerate(clean) if "%05d.txt" % i in fc]
    print("%-20s %6s %7s %7s" % ("damage", "texts", "found", "exact"))
    for kind, (t, f, e) in sorted(per.items()):
        print("%-20s %6d %6.1f%% %6.1f%%" % (kind, t, 100 * f / t, 100 * e / t))
    print("%-20s %6d %6.1f%% %6.1f%%" % ("all", n, 100 * found / n, 100 * exact / n))
    print("undamaged texts raised: %d of %d (%.2f%%)" % (len(raised), len(clean), 100 * len(raised) / len(clean)))
    for safe in (True, False):
        t = hits[(safe, True)] + hits[(safe, False)]
        print("%s repairs: %d, wrong: %d" % ("safe" if safe else "unsafe", t, hits[(safe, False)]))
    changed = [(damaged[i], t) for i, t in fixed.items() if t != damaged[i][1]]
    unrepaired = [(x, t) for x, t in changed if t.rstrip("\n") != x[2].rstrip("\n")]
    print("safe --fix changed %d damaged texts; %d of them not to their repair, %d further from it"
          % (len(changed), len(unrepaired), sum(distance(t, x[2]) > distance(x[1], x[2]) for x, t in unrepaired)))
    further = [(x, t) for x, t in unrepaired if distance(t, x[2]) > distance(x[1], x[2])]
    for (kind, d, s, _), t in further[: max(a.show, 5)]:
        print("  FURTHER [%s] %r\n       fixed %r\n        want %r" % (kind, d[:120], t[:120], s[:120]))
    for kind, m in wrong_safe[:10]:
        print("  WRONG SAFE [%s] %s" % (kind, m[:200]))
    if a.show:
        for s, k, fs in raised[: a.show * 3]:
            print("  FALSE ALARM [%s] %r: %s" % (k, s[:120], "; ".join(f["message"] for f in fs)[:300]))
        for kind, ms in sorted(misses.items()):
            for d, got, s in ms[: a.show]:
                print("  MISS [%s] %r\n     got %r\n    want %r" % (kind, d[:150], (got or "")[:150], s[:150]))


if __name__ == "__main__":
    main()
