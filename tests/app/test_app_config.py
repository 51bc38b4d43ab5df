"""Production-safe Streamlit settings in .streamlit/config.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit import config as st_config

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def _config() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def test_errors_are_not_shown_to_users() -> None:
    assert _config()["client"]["showErrorDetails"] == "none"
    # "none" is a value this Streamlit version knows (not the deprecated booleans)
    description = st_config._config_options_template["client.showErrorDetails"].description
    assert '"none"' in description


def test_no_usage_telemetry() -> None:
    assert _config()["browser"]["gatherUsageStats"] is False


def test_xsrf_on_cors_not_opened_uploads_small() -> None:
    server = _config()["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert 0 < server["maxUploadSize"] <= 10
    assert server.get("runOnSave", False) is False


def test_every_option_is_known_to_this_streamlit() -> None:
    known = set(st_config._config_options_template)
    for section, options in _config().items():
        for name in options:
            assert f"{section}.{name}" in known, f"{section}.{name}"


def test_calm_theme_with_a_thai_font() -> None:
    theme = _config()["theme"]
    assert theme["base"] == "light"
    assert "Noto Sans Thai" in theme["font"] or "Sarabun" in theme["font"]
