"""The house rules, guarded: a rule no test keeps is a rule nobody keeps (DESIGN.md, "The shape").

Read from the source with `ast`, so nothing here imports the app: every module under mglearn/
and app.py, every import in it, at the top AND inside functions or `if TYPE_CHECKING:` (a lazy
import that dodges a circle is still a circle), relative or absolute.

- streamlit is imported only by the shell: app.py, mglearn/ui/** and mglearn/web.py;
- the modules import each other one way: the import graph has no cycles;
- the core never reads the clock: time is passed in, and the one reader is listed below;
- the store takes `now` as a required argument: no `now` in mglearn/store/ has a default;
- only the store (mglearn/store/, its migrations) imports sqlalchemy: the rest catches
  mglearn's own StoreError and its kinds;
- only mglearn/settings.py reads the environment (every MGLEARN_ setting is declared there);
- the store is composed: `Store` holds the Database and its parts (nothing else public), and no
  part inherits from another part or from the Database.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "mglearn"


@dataclass(frozen=True)
class Module:
    name: str  # dotted: "app", "mglearn.ui.state"
    where: str  # the file, from the project root: "mglearn/ui/state.py"
    is_package: bool  # an __init__.py: its relative imports start from itself
    tree: ast.Module


def _module_name(root: Path, path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def modules(root: Path = ROOT) -> dict[str, Module]:
    """Every module of the app: app.py and each .py under mglearn/, by dotted name."""
    found = {}
    for path in [root / "app.py", *sorted((root / PACKAGE).rglob("*.py"))]:
        name, is_package = _module_name(root, path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found[name] = Module(name, path.relative_to(root).as_posix(), is_package, tree)
    return found


def imports(module: Module) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of every import in `module`, anywhere in it (top level, functions,
    methods, branches), relative ones resolved. `from a.b import c, d` gives a.b.c and a.b.d:
    whether each is a module or a name in a.b is for the caller, who knows the modules."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node)
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def _resolve(module: Module, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
    anchor = package[: len(package) - (node.level - 1)]
    return ".".join([*anchor, node.module] if node.module else anchor)


def _imported_module(name: str, found: dict[str, Module]) -> str | None:
    """The app's module that `import name` / `from a.b import c` runs: the longest known prefix
    (a.b.c when c is a module, else a.b), or None for a library."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in found:
            return candidate
    return None


def import_graph(found: dict[str, Module]) -> dict[str, dict[str, int]]:
    """module -> {module of the app it imports: first line}.

    An import of a.b.c is an edge to a.b.c, the module it is for; the packages a and a.b that
    Python also runs on the way are not edges (as import-linter and pydeps count them), or every
    package __init__ that gathers its own modules would be a circle."""
    graph: dict[str, dict[str, int]] = {}
    for name, module in found.items():
        edges: dict[str, int] = {}
        for imported, line in imports(module):
            target = _imported_module(imported, found)
            if target is not None and target != name:
                edges[target] = min(line, edges.get(target, line))
        graph[name] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan), shortest found first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, {})):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_a_cycle_in(group, graph) for group in groups]


def _a_cycle_in(group: set[str], graph: dict[str, dict[str, int]]) -> list[str]:
    """The shortest cycle through the group's first module (breadth-first), ending where it starts."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node]):
            if nxt == start:
                return [*paths[node], start]
            if nxt in group and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle in {group}")  # pragma: no cover - Tarjan gave a group


def describe(cycle: list[str], graph: dict[str, dict[str, int]], found: dict[str, Module]) -> str:
    hops = [f"{a} -> {b} ({found[a].where}:{graph[a][b]})" for a, b in zip(cycle, cycle[1:], strict=False)]
    return " -> ".join(cycle) + "\n    " + "\n    ".join(hops)


# --- the rules -------------------------------------------------------------------------------

# Only the shell draws: the entry, the pages and the web routes.
STREAMLIT_ALLOWED = ("app", f"{PACKAGE}.ui", f"{PACKAGE}.web")


def streamlit_outside_the_shell(found: dict[str, Module]) -> list[str]:
    wrong = []
    for name, module in found.items():
        if any(name == allowed or name.startswith(allowed + ".") for allowed in STREAMLIT_ALLOWED):
            continue
        for imported, line in imports(module):
            if imported.split(".")[0] == "streamlit":
                wrong.append(f"{module.where}:{line} imports {imported}")
    return sorted(set(wrong))


# The clock is read once per run at the edge and passed in; the rules and the store never read it.
# Each reader is one exact file, with why; a new reader anywhere else (a page too) fails the test.
CLOCK_READERS_ALLOWED = {
    # `utcnow()`, the one helper the edge calls to take `now` once per run: a page run
    # (mglearn/ui/state.py `now()`), a web request (mglearn/web.py), a command (the CLI)
    f"{PACKAGE}/clock.py",
}
# What reads the date and time of day. `time.monotonic()`/`perf_counter()` measure a duration.
CLOCK_CALLS = {"datetime.datetime.now", "datetime.datetime.utcnow", "time.time", "datetime.date.today"}
CLOCK_CALLS_AS_READ = {".".join(call.split(".")[-2:]) for call in CLOCK_CALLS}  # datetime.now, ...


def clock_readers(found: dict[str, Module]) -> list[str]:
    """Every clock read outside the allowed readers, as `file:line calls datetime.now(`."""
    return sorted(
        read
        for module in found.values()
        if module.where not in CLOCK_READERS_ALLOWED
        for read in _clock_reads(module)
    )


def _clock_reads(module: Module) -> Iterator[str]:
    names = _imported_names(module)
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and (call := _clock_call(node.func, names)):
            yield f"{module.where}:{node.lineno} calls {call}("


def _imported_names(module: Module) -> dict[str, str]:
    """Local name -> what it was imported as: `dt` -> datetime.datetime for
    `from datetime import datetime as dt`, `time` -> time for `import time`."""
    names = {}
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:  # `import a.b` binds a; `import a.b as c` binds c to a.b
                bound = alias.name if alias.asname else alias.name.split(".")[0]
                names[alias.asname or bound] = bound
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _clock_call(func: ast.expr, names: dict[str, str]) -> str | None:
    """The clock call `func` names, written as in the source (`datetime.now`), or None.

    Resolved through the module's imports (`from time import time as now; now()`); a name that
    was not imported here (an argument, a re-export) counts by how it reads: `date.today`."""
    chain = []
    while isinstance(func, ast.Attribute):
        chain.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name):
        return None
    written = ".".join([func.id, *reversed(chain)])
    qualified = ".".join([names.get(func.id, func.id), *reversed(chain)])
    if qualified in CLOCK_CALLS or ".".join(written.split(".")[-2:]) in CLOCK_CALLS_AS_READ:
        return written
    return None


def test_streamlit_is_imported_only_by_the_shell() -> None:
    wrong = streamlit_outside_the_shell(modules())
    assert not wrong, (
        "streamlit is imported outside app.py, mglearn/ui/ and mglearn/web.py; "
        "keep the core free of the page (return data, let the page draw it):\n  " + "\n  ".join(wrong)
    )


def test_no_import_circles() -> None:
    found = modules()
    graph = import_graph(found)
    found_cycles = cycles(graph)
    assert not found_cycles, (
        "import circle(s); put what both sides share in a module both import one way "
        "(a lazy import inside a function is still a circle):\n  "
        + "\n  ".join(describe(cycle, graph, found) for cycle in found_cycles)
    )


def test_the_core_never_reads_the_clock() -> None:
    wrong = clock_readers(modules())
    assert not wrong, (
        "the clock is read outside the allowed readers; take `now` as an argument "
        "(a page takes it once per run):\n  " + "\n  ".join(wrong)
    )


def test_every_allowed_clock_reader_still_reads_it() -> None:
    """The list only shrinks: a file that no longer reads the clock (or is gone) leaves it, so a
    new reader cannot hide behind a stale entry."""
    found = {module.where: module for module in modules().values()}
    for allowed in sorted(CLOCK_READERS_ALLOWED):
        assert allowed in found, f"{allowed} is gone: take it off CLOCK_READERS_ALLOWED"
        assert list(_clock_reads(found[allowed])), (
            f"{allowed} no longer reads the clock: take it off the list"
        )


# -- one clock per run: the store takes `now`, it never falls back to the clock --


def now_with_a_default(found: dict[str, Module]) -> list[str]:
    """Every function in mglearn/store/ whose `now` has a default: a caller could leave it out
    and the method would judge by a clock of its own, not the one its run took."""
    wrong = []
    for module in found.values():
        if not module.where.startswith(f"{PACKAGE}/store/"):
            continue
        for node in ast.walk(module.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                args = node.args
                positional = [*args.posonlyargs, *args.args]
                defaulted = positional[len(positional) - len(args.defaults) :]
                defaulted += [a for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d]
                if any(arg.arg == "now" for arg in defaulted):
                    wrong.append(f"{module.where}:{node.lineno} {node.name}")
    return sorted(wrong)


def test_the_store_takes_now_without_a_default() -> None:
    wrong = now_with_a_default(modules())
    assert not wrong, (
        "a store method gives `now` a default; make it required (the page, route or command "
        "takes it once per run):\n  " + "\n  ".join(wrong)
    )


def test_now_with_a_default_is_caught() -> None:
    text = (
        "def a(x, now=None): ...\n"
        "def b(x, *, now=None): ...\n"
        "def c(x, now, seed=None): ...\n"
        "def d(x, lang='nl', *, now): ...\n"
    )
    found = {
        where: Module(where, where, False, ast.parse(text))
        for where in (f"{PACKAGE}/store/x.py", f"{PACKAGE}/other.py")
    }
    assert now_with_a_default(found) == [f"{PACKAGE}/store/x.py:1 a", f"{PACKAGE}/store/x.py:2 b"]


BAD_TREE = {
    "app.py": "import streamlit as st\n",  # the entry may draw
    "mglearn/__init__.py": "",
    # a circle whose way back is a lazy, absolute import inside a function
    "mglearn/a.py": "from .b import helper\n",
    "mglearn/b.py": "def helper():\n    from mglearn import a\n\n    return a\n",
    # a package that gathers its own modules is not a circle with them
    "mglearn/pkg/__init__.py": "from .mod import thing\n",
    "mglearn/pkg/mod.py": "from . import other\n\nthing = other\n",
    "mglearn/pkg/other.py": "",
    # the core draws and reads the clock, aliased and lazily; a duration is not the clock
    "mglearn/core.py": (
        "import time\n"
        "from datetime import datetime as dt\n\n\n"
        "def draw():\n"
        "    import streamlit.components.v1\n\n"
        "    return streamlit.components.v1, dt.now(), time.time(), time.monotonic()\n"
    ),
    # a page may draw but takes `now` from the store, never from the clock itself
    "mglearn/ui/__init__.py": "",
    "mglearn/ui/page.py": "import datetime\n\nimport streamlit\n\nTODAY = datetime.date.today()\n",
}


def test_the_checks_catch_what_they_guard(tmp_path: Path) -> None:
    """Each check, on a small tree that breaks every rule once, names exactly what is wrong."""
    for where, text in BAD_TREE.items():
        (tmp_path / where).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / where).write_text(text, encoding="utf-8")
    found = modules(tmp_path)
    assert streamlit_outside_the_shell(found) == ["mglearn/core.py:6 imports streamlit.components.v1"]
    graph = import_graph(found)
    assert cycles(graph) == [["mglearn.a", "mglearn.b", "mglearn.a"]]
    assert describe(cycles(graph)[0], graph, found).splitlines()[1:] == [
        "    mglearn.a -> mglearn.b (mglearn/a.py:1)",
        "    mglearn.b -> mglearn.a (mglearn/b.py:2)",
    ]
    assert clock_readers(found) == [
        "mglearn/core.py:8 calls dt.now(",
        "mglearn/core.py:8 calls time.time(",
        "mglearn/ui/page.py:5 calls datetime.date.today(",
    ]


# -- the database library stays in the store --

STORE_LAYER = ("mglearn/store/", "mglearn/migrations/")


def sqlalchemy_imports(tree: ast.AST) -> list[int]:
    """The lines that import sqlalchemy, at any depth (a function's imports too)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        lines += [node.lineno for n in names if n == "sqlalchemy" or n.startswith("sqlalchemy.")]
    return lines


def test_only_the_store_imports_sqlalchemy() -> None:
    assert sqlalchemy_imports(ast.parse("def f():\n    from sqlalchemy.exc import OperationalError\n")) == [2]
    offending = [
        f"{m.where}:{line}"
        for m in modules().values()
        if not m.where.startswith(STORE_LAYER)
        for line in sqlalchemy_imports(m.tree)
    ]
    assert offending == [], f"sqlalchemy imported outside mglearn/store/ and mglearn/migrations/: {offending}"


# -- the environment is read in mglearn/settings.py only --


def test_only_the_settings_module_reads_the_environment() -> None:
    from .test_settings import _app_sources, _env_reads

    own = ROOT / "mglearn" / "settings.py"
    assert _env_reads(own)  # the check sees a read where there is one
    readers = {str(p.relative_to(ROOT)): r for p in _app_sources() if p != own and (r := _env_reads(p))}
    assert not readers, f"read settings through mglearn.settings: {readers}"


# -- the store is composed, not inherited --

STORE_INIT = f"{PACKAGE}/store/__init__.py"
STORE_METHODS = {"dispose"}  # a thin delegation to the Database; everything else is in a part


def store_shape(found: dict[str, Module]) -> list[str]:
    """What breaks the store's composition: a public method on `Store` beyond STORE_METHODS, a
    base class of `Store`, and a part (a class `Store.__init__` builds) that inherits from
    another part or from the Database."""
    init = next(m for m in found.values() if m.where == STORE_INIT)
    cls = next(n for n in init.tree.body if isinstance(n, ast.ClassDef) and n.name == "Store")
    wrong = [f"{STORE_INIT}:{cls.lineno} Store inherits from {ast.unparse(b)}" for b in cls.bases]
    built: set[str] = set()
    for node in cls.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not node.name.startswith("_") and node.name not in STORE_METHODS:
            wrong.append(f"{STORE_INIT}:{node.lineno} Store.{node.name}: put it in a part")
        built |= {
            call.func.id
            for call in ast.walk(node)
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id[:1].isupper()
        }
    for module in found.values():
        if not module.where.startswith(f"{PACKAGE}/store/"):
            continue
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ClassDef) and node.name in built:
                wrong += [
                    f"{module.where}:{node.lineno} {node.name} inherits from {base.id}: pass it in"
                    for base in node.bases
                    if isinstance(base, ast.Name) and base.id in built
                ]
    return wrong


def test_the_store_is_composed_of_parts() -> None:
    wrong = store_shape(modules())
    assert not wrong, "the store is one Database and parts held as attributes:\n  " + "\n  ".join(wrong)


def test_a_store_that_grows_or_inherits_is_caught() -> None:
    tree = {
        STORE_INIT: (
            "class Store(Base):\n"
            "    def __init__(self):\n"
            "        self.db = Database()\n"
            "        self.attempts = Attempts(self.db)\n"
            "        self.exams = Exams(self.db, self.attempts)\n\n"
            "    def dispose(self): ...\n\n"
            "    def save_answer(self): ...\n"
        ),
        f"{PACKAGE}/store/exams.py": "class Exams(Attempts): ...\n\n\nclass Fine(Helper): ...\n",
    }
    found = {w: Module(w, w, w.endswith("__init__.py"), ast.parse(text)) for w, text in tree.items()}
    assert store_shape(found) == [
        f"{STORE_INIT}:1 Store inherits from Base",
        f"{STORE_INIT}:9 Store.save_answer: put it in a part",
        f"{PACKAGE}/store/exams.py:1 Exams inherits from Attempts: pass it in",
    ]
