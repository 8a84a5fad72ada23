"""Layered configuration: packaged defaults, then the user's TOML file on top."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad import resources
from rasad.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Config:
    pipeline: tuple[str, ...]
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, section: str, key: str, default: Any = None) -> Any:
        return self.sections.get(section, {}).get(key, default)

    def with_pipeline(self, names: list[str]) -> Config:
        return Config(tuple(names), self.sections)


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Recursive merge; ``over`` wins, tables merge key by key (a copy: inputs untouched)."""
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out


def load_config(path: str | Path | None = None) -> Config:
    data = tomllib.loads(resources.read_text("config", "defaults.toml"))
    user = path or os.environ.get("RASAD_CONFIG")
    if user:
        p = Path(user)
        try:
            data = merge(data, tomllib.loads(p.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise ConfigError(str(p), "config file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(str(p), f"invalid TOML: {exc}") from None
    pipeline = data.pop("pipeline")
    if not isinstance(pipeline, list) or not all(isinstance(x, str) for x in pipeline):
        raise ConfigError("config", "'pipeline' must be a list of stage names")
    return Config(tuple(pipeline), data)
