#!/usr/bin/env python3
"""Writes data/given-names.txt: the given names of Faker's person providers
(every locale), those in Latin letters of four letters or more, NFC, sorted
by code point, one a line.

usage: pip download faker --no-deps -d /tmp/faker && cd /tmp/faker && unzip -q faker-*.whl
       scripts/gen-given-names.py /tmp/faker > data/given-names.txt
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from faker_names import faker_names  # noqa: E402

kinds = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
names = faker_names(sys.argv[1], kinds)
sys.stdout.write("".join(n + "\n" for n in sorted(names)))
