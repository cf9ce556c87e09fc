#!/usr/bin/env python3
"""Writes data/given-names.txt: the given names of Faker's person providers
(every locale), those in Latin letters of four letters or more, NFC, sorted
by code point, one a line.

usage: pip download faker --no-deps -d /tmp/faker && cd /tmp/faker && unzip -q faker-*.whl
       scripts/gen-given-names.py /tmp/faker > data/given-names.txt
"""
import importlib
import os
import re
import sys
import unicodedata

root = sys.argv[1]
sys.path.insert(0, root)
base = os.path.join(root, "faker/providers/person")
names = set()
for loc in sorted(os.listdir(base)):
    if loc.startswith("__") or not os.path.isdir(os.path.join(base, loc)):
        continue
    provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
    for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
        value = next((k.__dict__[attr] for k in provider.__mro__ if attr in k.__dict__), None)
        if value is None or isinstance(value, property):
            continue
        for n in value.keys() if hasattr(value, "keys") else value:
            n = unicodedata.normalize("NFC", str(n).strip())
            if re.fullmatch(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{3,}", n):
                names.add(n)
sys.stdout.write("".join(n + "\n" for n in sorted(names)))
