"""Commands decide on cheap copies of aggregates (`Aggregate.__deepcopy__` copies only the
attributes named in `mutable`). An attribute changed in place but missing from `mutable`
would be shared by the copy and the cached original, so a refused command would leave
its trace: every in-place change of `self.<name>` in an aggregate's methods is named."""

import ast
import inspect
import pkgutil
import textwrap
from importlib import import_module

import oms.domain
from oms.domain.base import Aggregate
from oms.domain.shift import Shift

IN_PLACE = {"append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault", "add", "discard",
            "sort", "reverse", "popitem"}
CONTAINERS = (ast.List, ast.ListComp, ast.Set, ast.SetComp, ast.Dict, ast.DictComp)


def aggregates() -> list[type[Aggregate]]:
    for info in pkgutil.iter_modules(oms.domain.__path__):
        import_module(f"oms.domain.{info.name}")
    found, todo = [], list(Aggregate.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return [cls for cls in found if cls.__module__.startswith("oms.domain")]


def own(node: ast.AST) -> str | None:
    """`name` for `self.name`."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return None


def changed_in_place(source: str) -> set[str]:
    """Attributes of `self` that the code changes in place: a container's method that
    changes it (unless its answer replaces the attribute), an item set or deleted, `+=` of
    a list, set or dict."""
    names: set[str | None] = set()
    tree = ast.parse(textwrap.dedent(source))
    replacing = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Assign)  # self.t = self.t.add(x)
                 and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute)
                 and [own(t) for t in node.targets] == [own(node.value.func.value)]}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in IN_PLACE
                and id(node) not in replacing):
            names.add(own(node.func.value))
        elif isinstance(node, (ast.Assign, ast.Delete)):
            names |= {own(t.value) for t in node.targets if isinstance(t, ast.Subscript)}
        elif isinstance(node, ast.AugAssign):
            if isinstance(node.target, ast.Subscript):
                names.add(own(node.target.value))
            elif isinstance(node.value, CONTAINERS):
                names.add(own(node.target))
    return {name for name in names if name}


def test_the_check_sees_each_kind_of_change_in_place() -> None:
    assert changed_in_place("""
def f(self):
    self.a.append(1); self.b["k"] = 2; del self.c[0]; self.d += [1]; self.e["n"] += 1
    self.n += 1; self.t = self.t.add(1); other.x.append(1)
""") == {"a", "b", "c", "d", "e"}
    assert "movements" in changed_in_place(inspect.getsource(Shift))


def test_every_attribute_an_aggregate_changes_in_place_is_named_mutable() -> None:
    found = aggregates()
    assert len(found) > 10
    missing = {cls.__name__: sorted(changed_in_place(inspect.getsource(cls)) - set(cls.mutable)) for cls in found}
    assert {name: attrs for name, attrs in missing.items() if attrs} == {}
