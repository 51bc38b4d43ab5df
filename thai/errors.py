"""The one exception every Thai normalisation function raises."""

from __future__ import annotations

MAX_VALUE_CHARS = 200


class NormalisationError(ValueError):
    """A value that cannot be normalised, with the reason in Thai and in English.

    ``value`` is the offending input, truncated to 200 characters so that a hostile
    1 MB cell never ends up whole in a log line.
    """

    def __init__(self, value: object, reason_th: str, reason_en: str) -> None:
        text = value if isinstance(value, str) else repr(value)
        self.value: str = text[:MAX_VALUE_CHARS]
        self.reason_th: str = reason_th
        self.reason_en: str = reason_en
        super().__init__(f"{reason_th} / {reason_en}: {self.value!r}")

    def __reduce__(self) -> tuple[type[NormalisationError], tuple[str, str, str]]:
        # Keep the error picklable (multiprocessing, pytest-xdist) despite the custom __init__.
        return (type(self), (self.value, self.reason_th, self.reason_en))
