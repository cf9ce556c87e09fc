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

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from faker_names import SHAPE, faker_names  # noqa: E402

census, faker = sys.argv[1], sys.argv[2]
names = set()
for line in open(census, encoding="ascii"):
    n = line.split()[0].capitalize()
    if SHAPE.fullmatch(n):
        names.add(n)
kinds = ("last_names", "last_names_male", "last_names_female", "last_names_nonbinary")
names |= faker_names(faker, kinds)
sys.stdout.write("".join(n + "\n" for n in sorted(names)))
