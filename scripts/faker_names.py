"""The names of Faker's person providers, every locale: shared by gen-given-names.py and
gen-surnames.py (run with the unpacked wheel's folder as `root`)."""
import importlib
import os
import re
import sys
import unicodedata

# Capitalized, four letters or more, in Latin letters.
SHAPE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{3,}")


def faker_names(root, attrs):
    """The NFC names of SHAPE in the providers' attributes `attrs` (`first_names`, ...)."""
    sys.path.insert(0, root)
    base = os.path.join(root, "faker/providers/person")
    names = set()
    for loc in sorted(os.listdir(base)):
        if loc.startswith("__") or not os.path.isdir(os.path.join(base, loc)):
            continue
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in attrs:
            value = next((k.__dict__[attr] for k in provider.__mro__ if attr in k.__dict__), None)
            if value is None or isinstance(value, property):
                continue
            for n in value.keys() if hasattr(value, "keys") else value:
                n = unicodedata.normalize("NFC", str(n).strip())
                if SHAPE.fullmatch(n):
                    names.add(n)
    return names
