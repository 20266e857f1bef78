#!/usr/bin/env python3
"""Helpers for XP Admin's Qt Linguist files (translations/xpadmin_<lang>.ts).

  ts-tool.py todo LANG [--all]         the messages still to translate, as JSON to fill in
                                       (--all: every message, with its translation)
  ts-tool.py fill LANG FILE.json       takes translations from FILE.json (the todo format with
                                       "translation" filled in) into the .ts file
  ts-tool.py carry LANG OLD.ts         fills unfinished messages from OLD.ts (an earlier version of
                                       the file), where a message of the same source text and
                                       comment was translated, in any context: a message that moved
                                       to another class keeps its translation
  ts-tool.py check FILE.ts...          fails on unfinished, vanished or obsolete messages and on
                                       translations that lose a placeholder, accelerator or line break
  ts-tool.py summary FILE.ts...        counts per file
  ts-tool.py helpers FILE.ts           files whose local tr() helper names another context than
                                       lupdate files their messages under

After `scripts/check-translations.sh --update` adds new strings, the step is:
  scripts/ts-tool.py todo de > /tmp/de.json    # write each "translation"
  scripts/ts-tool.py fill de /tmp/de.json
  scripts/check-translations.sh
"""

import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%L?(\d+)|%L?n")
ACCELERATOR = re.compile(r"&(?!&)(?=\S)")


def ts_path(language):
    return ROOT / "translations" / f"xpadmin_{language}.ts"


def messages(tree):
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def key(context, message):
    return context, message.findtext("source"), message.findtext("comment") or ""


def translation_texts(message):
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def problems(context, message):
    """What is wrong with one message's translation, in words."""
    source = message.findtext("source")
    translation = message.find("translation")
    kind = translation.get("type") if translation is not None else "unfinished"
    if kind in ("vanished", "obsolete"):
        return [f"{kind} (no longer in the sources)"]
    if kind == "unfinished":
        return ["unfinished"]
    found = []
    for text in translation_texts(message):
        if not text:
            found.append("empty translation")
            continue
        if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(text))):
            found.append(f"placeholders differ: {text!r}")
        if bool(ACCELERATOR.search(source.replace("&&", ""))) != bool(ACCELERATOR.search(text.replace("&&", ""))):
            found.append(f"accelerator (&) differs: {text!r}")
        if source.count("\n") != text.count("\n"):
            found.append(f"line breaks differ: {text!r}")
        if source.replace("...", "\u2026").endswith("\u2026") != text.replace("...", "\u2026").endswith("\u2026"):
            found.append(f"trailing ellipsis differs: {text!r}")
    return found


def cmd_todo(language, everything=False):
    tree = ET.parse(ts_path(language))
    out = []
    for context, message in messages(tree):
        translation = message.find("translation")
        unfinished = translation is None or translation.get("type") == "unfinished"
        if not (everything or unfinished):
            continue
        entry = {"context": context, "source": message.findtext("source")}
        if message.findtext("comment"):
            entry["comment"] = message.findtext("comment")
        if message.findtext("extracomment"):
            entry["note"] = message.findtext("extracomment")
        if message.get("numerus") == "yes":
            entry["numerus"] = True
            entry["translation"] = translation_texts(message) if not unfinished else []
        else:
            entry["translation"] = (translation_texts(message) or [""])[0] if not unfinished else ""
        out.append(entry)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def cmd_fill(language, json_file):
    path = ts_path(language)
    tree = ET.parse(path)
    wanted = {}
    for entry in json.loads(Path(json_file).read_text(encoding="utf-8")):
        text = entry.get("translation")
        if text:
            wanted[(entry["context"], entry["source"], entry.get("comment", ""))] = text
    filled = 0
    for context, message in messages(tree):
        text = wanted.pop(key(context, message), None)
        if text is None:
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if isinstance(text, list):
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in text:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = text
        filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    # Back to lupdate's own layout, so that diffs stay small.
    subprocess.run(["/usr/lib/qt6/bin/lconvert", "-i", str(path), "-o", str(path)], check=True)
    for (context, source, _), _text in wanted.items():
        print(f"not in {path.name}: {context}: {source!r}", file=sys.stderr)
    print(f"{path.name}: {filled} translations filled in", file=sys.stderr)
    return 0


def cmd_carry(language, old_file):
    known = {}
    for context, message in messages(ET.parse(old_file)):
        texts = translation_texts(message)
        if problems(context, message) or not any(texts):
            continue
        known.setdefault(key(context, message)[1:], set()).add(tuple(texts))
    wanted = []
    for context, message in messages(ET.parse(ts_path(language))):
        translation = message.find("translation")
        # lupdate may have guessed a text already (still unfinished): the old file's word decides.
        if translation is None or translation.get("type") != "unfinished":
            continue
        found = known.get(key(context, message)[1:], set())
        if len(found) != 1:
            continue  # never translated, or translated two ways: a person decides
        texts = list(next(iter(found)))
        wanted.append({"context": context, "source": message.findtext("source"),
                       "comment": message.findtext("comment") or "",
                       "translation": texts if message.get("numerus") == "yes" else texts[0]})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(wanted, f)
    try:
        return cmd_fill(language, f.name)
    finally:
        Path(f.name).unlink()


def cmd_check(files):
    failed = 0
    for file in files:
        tree = ET.parse(file)
        for context, message in messages(tree):
            for problem in problems(context, message):
                print(f"{Path(file).name}: {context}: {message.findtext('source')!r}: {problem}")
                failed += 1
    return 1 if failed else 0


def cmd_helpers(ts_file):
    """Files with a local tr() helper (QCoreApplication::translate("Context", text)): lupdate files
    each tr() call under the class of the function that makes it, so a call in a member of
    another class is filed under a context the helper never asks for, and stays untranslated."""
    tree = ET.parse(ts_file)
    filed = {}  # (file, source text) -> contexts
    current = None
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            for location in message.iter("location"):
                current = location.get("filename", current)
                if current:
                    where = (Path(ts_file).resolve().parent / current).resolve()
                    where = where.relative_to(ROOT).as_posix() if where.is_relative_to(ROOT) else str(where)
                    filed.setdefault((where, message.findtext("source")), set()).add(name)
    failed = 0
    # A Class::tr() called from a free function is filed under no context at all; at run time it
    # asks for Class, so it is never translated.
    where = None
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            for location in message.iter("location"):
                where = location.get("filename", where)  # lupdate names a file once, for its first message
            if context.findtext("name"):
                continue
            print(f"{where}: {message.findtext('source')!r} is filed under no context: call "
                  f"QCoreApplication::translate(\"Class\", ...) there")
            failed += 1
    helper = re.compile(r'QString tr\(const char \*text[^)]*\)\s*\{\s*return QCoreApplication::translate\("([^"]+)"')
    call = re.compile(r'(?<![\w:.>])tr\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)')
    for path in sorted(ROOT.glob("*/**/*.cpp")):
        text = path.read_text(encoding="utf-8")
        found = helper.search(text)
        if not found:
            continue
        source = path.relative_to(ROOT).as_posix()
        for match in call.finditer(text):
            literal = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))
            literal = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), literal)
            contexts = filed.get((source, literal), set())
            if found.group(1) not in contexts:
                line = text.count("\n", 0, match.start()) + 1
                print(f"{source}:{line}: tr({literal!r}) is filed under {', '.join(sorted(contexts)) or 'nothing'}, "
                      f"but the file's tr() helper translates with {found.group(1)}")
                failed += 1
    return 1 if failed else 0


def cmd_summary(files):
    for file in files:
        tree = ET.parse(file)
        total = done = 0
        for context, message in messages(tree):
            total += 1
            done += not problems(context, message)
        print(f"{Path(file).name}: {done} of {total} messages translated")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "todo":
        return cmd_todo(argv[1], "--all" in argv[2:])
    if len(argv) == 3 and argv[0] == "fill":
        return cmd_fill(argv[1], argv[2])
    if len(argv) == 3 and argv[0] == "carry":
        return cmd_carry(argv[1], argv[2])
    if len(argv) >= 2 and argv[0] == "check":
        return cmd_check(argv[1:])
    if len(argv) == 2 and argv[0] == "helpers":
        return cmd_helpers(argv[1])
    if len(argv) >= 2 and argv[0] == "summary":
        return cmd_summary(argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
