#!/usr/bin/env python3
"""Prints the programs of BUILD_DIR that the tests CTest selects run, one target name a line.

Usage: scripts/tested-programs.py BUILD_DIR [CTEST ARGUMENTS...]   (e.g. -L 'core|models')

CTest selects the tests; their commands come from the CTestTestfile.cmake files, which name each
program even before it is built (CTest itself leaves the command out until the file exists).
A program is a command word inside BUILD_DIR; the target that builds it has its file name.
run-tests.sh uses this with BUILD_ONLY_TESTED=true.
"""

import json
import os
import re
import subprocess
import sys

ADD_TEST = re.compile(r'^add_test\(\[=\[(.*?)\]=\](.*)\)\s*$')
WORD = re.compile(r'"((?:[^"\\]|\\.)*)"|\[=\[(.*?)\]=\]|(\S+)')


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = os.path.realpath(sys.argv[1])
    listing = subprocess.run(['ctest', '--test-dir', build, '--show-only=json-v1', *sys.argv[2:]], check=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    selected = {test['name'] for test in json.loads(listing)['tests']}
    if not selected:
        sys.exit('tested-programs.py: the CTest arguments select no test')

    programs = set()
    for folder, _, files in os.walk(build):
        if 'CTestTestfile.cmake' not in files:
            continue
        with open(os.path.join(folder, 'CTestTestfile.cmake'), encoding='utf-8') as testfile:
            for line in testfile:
                match = ADD_TEST.match(line)
                if not match or match.group(1) not in selected:
                    continue
                for word in WORD.finditer(match.group(2)):
                    text = next(group for group in word.groups() if group is not None)
                    if os.path.realpath(text).startswith(build + os.sep):
                        programs.add(os.path.basename(text))
    print('\n'.join(sorted(programs)))


if __name__ == '__main__':
    main()
