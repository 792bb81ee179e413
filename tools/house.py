"""The house rules that keep the package readable as chapters, measured from the code; exit 1 naming what breaks them.
    python tools/house.py
- no function longer than 60 lines, no export cell longer than 60 lines, no module longer than 600 lines;
- no import circle between the package's modules, counting imports inside functions;
- at least 90% of the exported functions and classes used in a non-export cell of their own notebook."""
import ast, json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
MAX_FUNCTION, MAX_CELL, MAX_MODULE, MIN_USED = 60, 60, 600, 0.9

def modules() -> dict:
    "Module name -> its parsed source, for the package's own modules (nbdev's index aside)."
    return {p.stem: (p, ast.parse(p.read_text())) for p in sorted((root/'nanogpt_nb').glob('*.py'))
            if p.stem not in ('__init__', '_modidx')}

def imported_modules(tree, names) -> set:
    "The package modules a module imports, at any depth, relative or absolute."
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            parts = (node.module or '').split('.')
            target = parts[0] if node.level else (parts[1] if parts[0] == 'nanogpt_nb' and len(parts) > 1 else None)
            found |= {target} if target else {a.name for a in node.names if node.level or parts == ['nanogpt_nb']}
        elif isinstance(node, ast.Import):
            found |= {a.name.split('.')[1] for a in node.names if a.name.startswith('nanogpt_nb.')}
    return found & set(names)

def circle(graph: dict) -> list:
    "One import circle as a list of modules, or []."
    state = {}
    def visit(m, path):
        state[m] = 'open'
        for n in sorted(graph[m]):
            if state.get(n) == 'open': return path[path.index(n):] + [n]
            if n not in state and (found := visit(n, path + [n])): return found
        state[m] = 'done'
        return []
    return next((c for m in sorted(graph) if m not in state and (c := visit(m, [m]))), [])

def notebook_measures() -> tuple:
    "The largest export cell `(lines, where)`, and the exported definitions `(notebook, name)` used or not in it."
    largest, used, unused = (0, ''), [], []
    for nb in sorted((root/'nbs').glob('*.ipynb')):
        cells = [''.join(c['source']) for c in json.loads(nb.read_text())['cells'] if c['cell_type'] == 'code']
        export = [s for s in cells if re.match(r'\s*#\|\s*export', s)]
        others = '\n'.join(s for s in cells if s not in export)
        for s in export:
            largest = max(largest, (len(s.splitlines()), f'{nb.name}: {s.splitlines()[1][:60]!r}'))
            tree = ast.parse(re.sub(r'^\s*#\|.*$', '', s, flags=re.M))
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith('_'):
                    (used if re.search(rf'\b{node.name}\b', others) else unused).append((nb.stem, node.name))
    return largest, used, unused

def main() -> int:
    mods, problems = modules(), []
    for name, (path, tree) in mods.items():
        if (n := len(path.read_text().splitlines())) > MAX_MODULE: problems.append(f'{path.name} has {n} lines')
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if (n := node.end_lineno - node.lineno + 1) > MAX_FUNCTION:
                    problems.append(f'{path.name}: {node.name} has {n} lines')
    if loop := circle({name: imported_modules(tree, mods) - {name} for name, (_, tree) in mods.items()}):
        problems.append(f'import circle: {" -> ".join(loop)}')
    (cell_lines, where), used, unused = notebook_measures()
    if cell_lines > MAX_CELL: problems.append(f'an export cell of {cell_lines} lines ({where})')
    share = len(used) / max(1, len(used) + len(unused))
    if share < MIN_USED:
        problems.append(f'{share:.0%} of exported definitions used in their notebook; not: {unused}')
    print('\n'.join(f'house: {p}' for p in problems) or
          f'house: functions, cells and modules within bounds, no import circle, {share:.0%} of exported definitions '
          f'used in their notebook (not yet: {", ".join(f"{nb}.{n}" for nb, n in unused) or "none"})')
    return 1 if problems else 0

if __name__ == '__main__': sys.exit(main())
