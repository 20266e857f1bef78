#!/usr/bin/env python3
"""Writes a man page from a program's own --help, so the page cannot drift from the program.

The help is read in English (LC_ALL=C.UTF-8) and parsed as both programs print it: "Usage:"
lines, paragraphs, and sections that start with an unindented line ending in ":" whose entries
are "  left   description" rows (continued by deeper-indented lines). With --commands, every
entry of the "Commands:" section is asked for its own --help, and every subcommand its usage
lines name ("user find", "pending approve") for its own too. The sections that are not about
options (environment, files, examples, see also) come from a hand-written roff file.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile


def run_help(program, arguments, home):
    env = dict(os.environ)
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": "", "HOME": home,
                "XDG_CONFIG_HOME": os.path.join(home, ".config"),
                "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
                "QT_QPA_PLATFORM": "offscreen"})
    env.pop("XPADMIN_DB", None)
    result = subprocess.run([program] + arguments + ["--help"], env=env, capture_output=True, text=True,
                            timeout=60, check=False)
    if result.returncode != 0:
        return None
    # The build machine's home and build folder are no reader's: write ~ and the program's name.
    return result.stdout.replace(program, os.path.basename(program)).replace(home, "~")


class Help:
    """One --help text: usage lines, paragraphs, and named sections of (left, description) rows."""

    def __init__(self, text):
        self.usage = []
        self.paragraphs = []
        self.sections = []  # (title, [(left, description)])
        self.trailing = []
        section = None
        paragraph = []
        in_usage = False

        def end_paragraph():
            if paragraph:
                (self.trailing if section else self.paragraphs).append(" ".join(paragraph))
                paragraph.clear()

        for line in text.splitlines():
            if line.startswith("Usage:"):
                in_usage = True
                self.usage.append(line[len("Usage:"):].strip())
                continue
            if in_usage and line.startswith("  ") and line.strip():
                self.usage.append(line.strip())
                continue
            in_usage = False
            if not line.strip():
                end_paragraph()
                continue
            if not line.startswith(" ") and line.rstrip().endswith(":"):
                end_paragraph()
                section = (re.sub(r"\s*\(.*\)", "", line.rstrip()[:-1]), [])
                self.sections.append(section)
                continue
            if section and line.startswith("  "):
                match = re.match(r"^  (\S.*?)(?:\s{2,}(.*))?$", line)
                if line.startswith("   ") and section[1]:
                    left, description = section[1][-1]
                    section[1][-1] = (left, (description + " " + line.strip()).strip())
                elif match:
                    section[1].append((match.group(1).strip(), (match.group(2) or "").strip()))
                continue
            if section:
                section = None
            paragraph.append(line.strip())
        end_paragraph()

    def section(self, title):
        for name, rows in self.sections:
            if name.lower() == title.lower():
                return rows
        return []


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def bold_left(left):
    # "--db PATH|URL" -> option words bold, values italic.
    words = []
    for word in left.split(" "):
        if word.startswith("-") or word.endswith(","):
            words.append("\\fB" + roff(word) + "\\fR")
        else:
            words.append("\\fI" + roff(word) + "\\fR")
    return " ".join(words)


def rows_roff(rows, skip_help=True):
    out = []
    for left, description in rows:
        if skip_help and left in ("-h, --help", "-?, -h, --help", "--help-all"):
            continue
        out += [".TP", bold_left(left), roff(description)]
    return out


def usage_roff(lines):
    return [".nf"] + [roff(line) for line in lines] + [".fi"]


def subcommands(command, usage):
    """The subcommands a command's usage lines name: "user find TEXT" -> find."""
    found = []
    for line in usage:
        words = re.sub(r"^\S*xpadmin-cli (\[global options\] |--db \S+ )?", "", line).split()
        if len(words) >= 2 and words[0] == command and re.fullmatch(r"[a-z][a-z|-]*", words[1]):
            for sub in words[1].split("|"):
                if sub not in found:
                    found.append(sub)
    return found


def command_roff(program, command, summary, home):
    out = [".SS " + roff(command), roff(summary)]
    text = run_help(program, [command], home)
    if text is None:
        sys.exit("help2man: %s %s --help failed" % (program, command))
    help_ = Help(text)
    out += [".PP"] + usage_roff(help_.usage)
    for paragraph in help_.paragraphs:
        out += [".PP", roff(paragraph)]
    out += rows_roff(help_.section("Options"))
    for sub in subcommands(command, help_.usage):
        sub_text = run_help(program, [command, sub], home)
        if sub_text is None or sub_text == text:
            continue
        sub_help = Help(sub_text)
        out += [".TP", "\\fB" + roff(command + " " + sub) + "\\fR"]
        out += usage_roff(sub_help.usage) + [roff(" ".join(sub_help.paragraphs))]
        options = rows_roff(sub_help.section("Options"))
        if options:
            out += [".RS"] + options + [".RE"]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", required=True, help="the built program to run")
    parser.add_argument("--name", required=True, help="the program's name, as in the page's title")
    parser.add_argument("--summary", required=True, help="the NAME line: what the program does")
    parser.add_argument("--version", required=True)
    parser.add_argument("--commands", action="store_true", help="document every command's --help too")
    parser.add_argument("--extra", help="hand-written roff sections appended to the page")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="help2man-") as home:
        text = run_help(args.program, [], home)
        if text is None:
            sys.exit("help2man: %s --help failed" % args.program)
        help_ = Help(text)
        page = [
            '.\\" Generated from "%s --help" at build time by packaging/man/help2man.py: do not edit.' % args.name,
            '.TH %s 1 "" "XP Admin %s" "User Commands"' % (args.name.upper(), args.version),
            ".SH NAME",
            "%s \\- %s" % (roff(args.name), roff(args.summary)),
            ".SH SYNOPSIS",
        ]
        page += usage_roff(help_.usage)
        page += [".SH DESCRIPTION"]
        for i, paragraph in enumerate(help_.paragraphs):
            page += ([".PP"] if i else []) + [roff(paragraph)]
        for title, rows in help_.sections:
            if title.lower() == "commands" and args.commands:
                page += [".SH COMMANDS"]
                for command, summary in rows:
                    page += command_roff(args.program, command, summary, home)
            elif title.lower() == "exit status":
                page += [".SH EXIT STATUS"]
                for status, meaning in rows:
                    page += [".TP", "\\fB%s\\fR" % roff(status), roff(meaning)]
            else:
                page += [".SH " + roff(title.upper())] + rows_roff(rows, skip_help=False)
        for paragraph in help_.trailing:
            page += [".PP", roff(paragraph)]

    if args.extra:
        with open(args.extra, encoding="utf-8") as extra:
            page += [line.rstrip("\n") for line in extra if not line.startswith('.\\"')]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("\n".join(page) + "\n")


if __name__ == "__main__":
    main()
