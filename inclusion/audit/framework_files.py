"""Reading a framework file: YAML in, validated data out, errors naming file, line and key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError

from inclusion.audit.schemas import FrameworkFileSchema, flatten_errors, is_index


class FrameworkFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_framework_file(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.safe_load(text)
        lines = _line_numbers(yaml.compose(text))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise FrameworkFileError([f"{where}: not valid YAML ({error})"]) from error
    try:
        return FrameworkFileSchema().load(raw if isinstance(raw, dict) else {})
    except ValidationError as error:
        raise FrameworkFileError(_describe(path, error, lines)) from error


def _describe(path: Path, error: ValidationError, lines: dict[str, int]) -> list[str]:
    return [
        f"{path.name}:{_nearest_line(key, lines)}: {key}: {message}"
        for key, message in flatten_errors(error.messages)
    ]


def _nearest_line(key: str, lines: dict[str, int]) -> int:
    """The line of the key, or of its closest parent that exists in the file."""
    parts = key.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in lines:
            return lines[candidate]
        parts.pop()
    return 1


def _line_numbers(node: yaml.Node | None, prefix: str = "") -> dict[str, int]:
    lines: dict[str, int] = {}
    if node is None:
        return lines
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines[path] = key_node.start_mark.line + 1
            lines.update(_line_numbers(value_node, path))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}.{index}"
            lines[path] = item.start_mark.line + 1
            lines.update(_line_numbers(item, path))
    return lines


__all__ = ["FrameworkFileError", "is_index", "read_framework_file"]
