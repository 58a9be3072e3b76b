"""Every action the desk writes to the audit trail falls under exactly one kind a manager can
filter by: the actions are read from the source tree itself, so a new one without a kind fails."""

from __future__ import annotations

import ast
from pathlib import Path

import medspa_desk
from medspa_desk.domain.audit_kinds import AuditKind, kind_of, matches

SOURCE = Path(medspa_desk.__file__).parent
# The position of the action among each writer's arguments.
WRITERS = {"record_audit": 2, "audit_entry": 1}


def _texts(node: ast.expr, function: ast.AST) -> list[str]:
    """The action texts an argument can be: a literal, a choice of literals, or a name assigned
    those in the same function."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _texts(node.body, function) + _texts(node.orelse, function)
    if isinstance(node, ast.Name):
        found = [
            text
            for assignment in ast.walk(function)
            if isinstance(assignment, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == node.id for t in assignment.targets)
            for text in _texts(assignment.value, function)
        ]
        if found:
            return found
    raise AssertionError(f"an audit action that is not a text the test can read: {ast.dump(node)}")


def actions_in_source() -> set[str]:
    actions: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "id", getattr(call.func, "attr", None))
                if name not in WRITERS or len(call.args) <= WRITERS[name]:
                    continue
                action = call.args[WRITERS[name]]
                parameters = {argument.arg for argument in function.args.args}
                if isinstance(action, ast.Name) and action.id in parameters:
                    continue  # handed on from its caller (record_audit to audit_entry)
                actions.update(_texts(action, function))
    return actions


def test_every_action_the_desk_writes_has_a_kind():
    actions = actions_in_source()
    assert {"appointment.booked", "client.viewed", "audit.exported", "sale.completed"} <= actions
    assert {action: kind_of(action) for action in actions if kind_of(action) is None} == {}


def test_each_action_is_claimed_by_its_kind_and_excluded_from_every_other():
    for action in actions_in_source():
        kind = kind_of(action)
        for other in AuditKind:
            claimed = any(matches(pattern, action) for pattern in other.patterns) and not any(
                matches(pattern, action) for pattern in other.excluded
            )
            assert claimed == (other is kind), (action, other)


def test_the_more_specific_kind_wins():
    assert kind_of("appointment.checked_in") is AuditKind.CHECK_INS
    assert kind_of("appointment.rescheduled") is AuditKind.BOOKINGS
    assert kind_of("client.exported") is AuditKind.EXPORTS
    assert kind_of("client.viewed") is AuditKind.PROFILES_OPENED
    assert kind_of("client.updated") is AuditKind.CLIENTS
    assert kind_of("unknown") is None
    assert "appointment.no_show" in AuditKind.BOOKINGS.excluded
