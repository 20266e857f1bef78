#!/usr/bin/env python3
"""Checks the rules of the source tree that a compiler does not (docs/architecture.md):

- every quoted include names its layer from the repository root ("core/ledger/Ledger.h") and the
  file exists;
- layers include downwards only: app -> ui -> models -> core (the CLI: app/cli -> core);
- core and models never include a Qt Widgets header;
- the folders of core include each other without a cycle (a directed acyclic graph);
- views never take a database handle: no "Database &" in ui/;
- no source or test file is over 500 lines.

Usage: scripts/check-layout.py [--graph]   (--graph prints core's folder graph, for the docs)
Exit status 0 when every rule holds, 1 otherwise, each broken rule named with its file.
"""
import collections
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
MAX_LINES = 500
SOURCE_TOPS = ('core', 'models', 'ui', 'app', 'tests', 'translations')
# What each layer may include, by the include's leading folders.
ALLOWED = {
    'core': ('core/',),
    'models': ('core/', 'models/'),
    'ui': ('core/', 'models/', 'ui/', 'translations/'),
    'app/cli': ('core/', 'app/cli/', 'translations/'),
    'app/gui': ('core/', 'models/', 'ui/', 'app/gui/', 'app/cli/ExitCode.h', 'translations/'),
    'translations': ('translations/', 'core/'),
    'tests': ('core/', 'models/', 'ui/', 'app/', 'tests/', 'translations/'),
}
QUOTED = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
ANGLED = re.compile(r'^\s*#\s*include\s+<([^>]+)>', re.M)
GENERATED = re.compile(r'(\.moc|^moc_.*|^ui_.*)$')


def sources():
    for top in SOURCE_TOPS:
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = sorted(d for d in dirs if d not in ('corpus', 'fixtures'))
            for name in sorted(files):
                if name.endswith(('.h', '.cpp')):
                    yield os.path.relpath(os.path.join(folder, name), ROOT)


def layer_of(path):
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if path.startswith(layer + '/'):
            return layer
    return None


def widgets_headers():
    """The class headers of Qt Widgets installed here (empty when Qt's headers are not found)."""
    for base in ('/usr/include/x86_64-linux-gnu/qt6', '/usr/include/aarch64-linux-gnu/qt6', '/usr/include/qt6'):
        folder = os.path.join(base, 'QtWidgets')
        if os.path.isdir(folder):
            return {name for name in os.listdir(folder) if name.startswith('Q') and '.' not in name}
    return set()


def find_cycles(graph):
    """Strongly connected components of more than one node (Tarjan), each a cycle to report."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def main():
    problems = []
    widgets = widgets_headers()
    graph = collections.defaultdict(set)
    edges = collections.defaultdict(list)  # (from folder, to folder) -> files
    for path in sources():
        with open(os.path.join(ROOT, path), encoding='utf-8') as f:
            text = f.read()
        lines = text.count('\n')
        if lines > MAX_LINES:
            problems.append(f'{path}: {lines} lines, more than {MAX_LINES}: split it by responsibility')
        layer = layer_of(path)
        for include in QUOTED.findall(text):
            if GENERATED.search(include):
                continue
            if not os.path.isfile(os.path.join(ROOT, include)):
                problems.append(f'{path}: #include "{include}" does not name a file from the repository root')
                continue
            if layer and not include.startswith(ALLOWED[layer]):
                problems.append(f'{path}: #include "{include}": {layer} may not include that layer')
            parts = path.split('/')
            if parts[0] == 'core' and include.startswith('core/') and len(parts) > 2:
                source_folder, target_folder = parts[1], include.split('/')[1]
                if source_folder != target_folder:
                    graph[source_folder].add(target_folder)
                    graph[target_folder]
                    edges[(source_folder, target_folder)].append(path)
        if layer in ('core', 'models'):
            for include in ANGLED.findall(text):
                name = include.split('/')[-1]
                if include.startswith('QtWidgets/') or name in widgets:
                    problems.append(f'{path}: #include <{include}>: {layer} never includes Qt Widgets')
        if layer == 'ui' and re.search(r'\bDatabase\s*&', text):
            problems.append(f'{path}: takes a "Database &": views reach the database through a core job')
    for cycle in find_cycles(graph):
        detail = []
        for a in cycle:
            for b in cycle:
                if (a, b) in edges:
                    detail.append(f'{a} -> {b} ({edges[(a, b)][0]})')
        problems.append('core folders include each other in a cycle: ' + ', '.join(detail))
    if '--graph' in sys.argv:
        for folder in sorted(graph):
            print(f'{folder} -> {", ".join(sorted(graph[folder])) or "(nothing)"}')
    for problem in problems:
        print(f'check-layout: {problem}', file=sys.stderr)
    if problems:
        return 1
    print(f'check-layout: the tree keeps its rules ({len(graph)} core folders, no cycle)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
