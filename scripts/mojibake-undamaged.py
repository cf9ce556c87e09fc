#!/usr/bin/env python3
"""False alarms of the mojibake lint on real undamaged text, per source and per locale.

The undamaged set is fixed so that it cannot be chosen to fit:
  - every paragraph (line) of the non-English pages of the trafilatura dev set;
  - every line of corpora/clean (its known real damage is listed in the eval's audit
    file, which holds no mojibake);
  - Faker's localized providers (fixed seed) for every locale whose alphabet has letters
    beyond ASCII: names, addresses, companies and text, 2,000 items each, in normal case
    and again in capitals.

    python3 scripts/mojibake-undamaged.py [--bin target/release/scrapelint]
        [--eval ../shared/eval] [--clean ../corpora/clean] [--show N]

Prints the share of items raised per source and per locale (every locale with an alarm,
and the totals), and with --show the raised items. Needs `pip install faker`.
"""
import argparse, collections, json, os, subprocess, sys, tempfile

PER_LOCALE = 2000
SEED = 20261207


def trafilatura_items(eval_dir):
    base = os.path.join(eval_dir, "trafilatura-dev")
    manifest = json.load(open(os.path.join(base, "manifest.json"), encoding="utf-8"))
    for d in manifest["documents"]:
        lang = d.get("lang") or "?"
        if lang == "en":
            continue
        path = os.path.join(base, "docs", d["doc"])
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8").read().split("\n"):
            if line.strip():
                yield "trafilatura", lang, line


def clean_items(clean_dir):
    for root, _, files in sorted(os.walk(clean_dir)):
        for f in sorted(files):
            if not f.endswith(".txt"):
                continue
            source = os.path.relpath(root, clean_dir).split(os.sep)[0]
            for line in open(os.path.join(root, f), encoding="utf-8", errors="replace").read().split("\n"):
                if line.strip():
                    yield "clean", source, line


def faker_items():
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    for locale in sorted(AVAILABLE_LOCALES):
        fake = Faker(locale)
        fake.seed_instance(SEED)
        makers = [fake.name, fake.address, fake.company]
        # Localized text where the locale has its own word list.
        lorem = fake.provider("faker.providers.lorem")
        if lorem is not None and type(lorem).__module__ != "faker.providers.lorem":
            makers.append(lambda: fake.text(max_nb_chars=200))
        items = []
        for i in range(PER_LOCALE):
            try:
                items.append(makers[i % len(makers)]().replace("\n", ", "))
            except Exception:
                continue
        # Only alphabets with letters beyond ASCII.
        if not any(not c.isascii() and c.isalpha() for t in items for c in t):
            continue
        for t in items:
            yield "faker", locale, t
        for t in items:
            yield "faker", locale + " CAPS", t.upper()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/scrapelint")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--clean", default="../corpora/clean")
    ap.add_argument("--show", type=int, default=0, help="print this many raised items")
    ap.add_argument("--json", help="write the per-source and per-locale figures here")
    a = ap.parse_args()

    items = list(trafilatura_items(a.eval))
    if os.path.isdir(a.clean):
        items += list(clean_items(a.clean))
    else:
        print(f"note: {a.clean} not found; corpora/clean left out", file=sys.stderr)
    items += list(faker_items())

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "undamaged.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i, (_, _, text) in enumerate(items):
                f.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")
        out = subprocess.run(
            [a.bin, "lint", "--no-config", "--disable", "all", "--enable", "mojibake", "--input", "jsonl",
             "--format", "json", "--max-file-size", "2G", "-q", path],
            capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(out.stderr)
    raised = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        if r.get("code") == "mojibake":
            raised.setdefault(int(r["id"]), r)

    total = collections.Counter()
    hit = collections.Counter()
    for i, (source, locale, _) in enumerate(items):
        for key in [(source, "all"), (source, locale)]:
            total[key] += 1
            hit[key] += i in raised
    print(f"{'source':12} {'locale':16} {'items':>7} {'raised':>7} {'share':>7}")
    rows = sorted(total, key=lambda k: (k[0], k[1] != "all", k[1]))
    worst = 0.0
    for k in rows:
        share = hit[k] / total[k]
        if k[1] != "all":
            worst = max(worst, share)
        if k[1] == "all" or hit[k]:
            print(f"{k[0]:12} {k[1]:16} {total[k]:7} {hit[k]:7} {share:7.2%}")
    print(f"{len(items)} items, {len(raised)} raised; worst source or locale {worst:.2%}")
    if a.json:
        json.dump({f"{s}/{l}": [hit[(s, l)], total[(s, l)]] for s, l in rows}, open(a.json, "w"), indent=1)
    shown = 0
    for i, (source, locale, text) in enumerate(items):
        if i in raised and shown < a.show:
            r = raised[i]
            print(f"  {source}/{locale}: {r.get('message', '')[:90]!s}\n      {text[:160]}")
            shown += 1


if __name__ == "__main__":
    main()
