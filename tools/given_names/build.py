#!/usr/bin/env python3
"""Builds crates/recoupe-core/data/given_names.txt: people's given names in many languages and
scripts, so that recoupe can tell a person's name from the words written before it ("Brexit
Дейвид Дейвис", "Partii Pracy Tony Blair") and a town that is also a given name from the town
("Nigel Farage").

Source: the person providers of PyPI `faker` (MIT licence; first names of about 80 locales,
compiled by its contributors from public name statistics), pinned to one version.

Usage:  pip download --no-deps -d /tmp/faker faker==40.63.0
        python3 tools/given_names/build.py /tmp/faker/faker-40.63.0-*.whl \
            > crates/recoupe-core/data/given_names.txt

Output: a header of '#' lines (provenance), then one name per line, lower-cased, sorted.
Names of several words are split into their words; names shorter than two letters and words
of no letter are left out.
"""
import importlib
import pkgutil
import sys
import tempfile
import unicodedata
import zipfile


def names_of(provider):
    found = set()
    for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
        value = provider.__dict__.get(attr)
        if value is None:
            for base in provider.__mro__[1:]:
                value = base.__dict__.get(attr)
                if value is not None:
                    break
        if value is None or isinstance(value, property):
            continue
        found |= set(value.keys() if hasattr(value, "keys") else value)
    return found


def main():
    wheel = sys.argv[1]
    folder = tempfile.mkdtemp()
    zipfile.ZipFile(wheel).extractall(folder)
    sys.path.insert(0, folder)
    import faker
    import faker.providers.person as person

    names = set()
    locales = []
    for module in pkgutil.iter_modules(person.__path__):
        mod = importlib.import_module("faker.providers.person." + module.name)
        found = names_of(mod.Provider)
        if not found:
            continue
        locales.append(module.name)
        for name in found:
            for word in unicodedata.normalize("NFC", name).lower().split():
                if sum(c.isalpha() for c in word) >= 2:
                    names.add(word)
    print("# Given names of people, one per line, lower-cased (tools/given_names/build.py).")
    print(f"# Source: PyPI faker {faker.VERSION} (MIT licence), person providers of the locales:")
    for k in range(0, len(locales), 16):
        print("#   " + " ".join(locales[k:k + 16]))
    for name in sorted(names):
        print(name)


if __name__ == "__main__":
    main()
