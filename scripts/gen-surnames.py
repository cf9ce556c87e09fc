#!/usr/bin/env python3
"""Writes data/surnames.txt: known surnames, one a line, sorted by code point, NFC, capitalized,
four letters or more, in Latin letters. The union of
- the 1990 US census list of surnames (`dist.all.last`, 88,799 surnames, public domain), as the
  `names` package on PyPI ships it, and
- the last names of every locale of Faker's person providers (as for data/given-names.txt).

usage: pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
       pip download faker --no-deps -d /tmp/faker && (cd /tmp/faker && unzip -q faker-*.whl)
       scripts/gen-surnames.py /tmp/names/names-0.3.0/names/dist.all.last /tmp/faker | gzip -9 -n > data/surnames.txt.gz
"""
import importlib
import os
import re
import sys
import unicodedata

census, faker = sys.argv[1], sys.argv[2]
shape = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{3,}")
names = set()
for line in open(census, encoding="ascii"):
    n = line.split()[0].capitalize()
    if shape.fullmatch(n):
        names.add(n)
sys.path.insert(0, faker)
base = os.path.join(faker, "faker/providers/person")
for loc in sorted(os.listdir(base)):
    if loc.startswith("__") or not os.path.isdir(os.path.join(base, loc)):
        continue
    provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
    for attr in ("last_names", "last_names_male", "last_names_female", "last_names_nonbinary"):
        value = next((k.__dict__[attr] for k in provider.__mro__ if attr in k.__dict__), None)
        if value is None or isinstance(value, property):
            continue
        for n in value.keys() if hasattr(value, "keys") else value:
            n = unicodedata.normalize("NFC", str(n).strip())
            if shape.fullmatch(n):
                names.add(n)
sys.stdout.write("".join(n + "\n" for n in sorted(names)))
