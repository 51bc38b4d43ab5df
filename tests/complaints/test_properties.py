"""Property tests: tracking codes survive being read out; masking never leaks phone numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from complaints.tracking import ALPHABET, format_code, normalise_code, seal_code, unseal_code
from operations.masking import mask_text

symbols = st.text(alphabet=ALPHABET, min_size=12, max_size=12)


@given(symbols, st.sampled_from([" ", "-", ""]), st.booleans())
def test_codes_read_back_in_any_spelling(raw: str, separator: str, lower: bool) -> None:
    code = format_code(raw)
    spoken = separator.join(code.split("-"))
    spoken = spoken.lower() if lower else spoken
    assert normalise_code(spoken.replace("0", "O").replace("1", "I")) == code


@given(symbols, st.uuids())
def test_sealed_code_opens_only_with_its_token(raw: str, token: object) -> None:
    code = format_code(raw)
    sealed = seal_code(code, str(token))
    assert code not in sealed
    assert unseal_code(sealed, str(token)) == code


@settings(max_examples=200)
@given(
    st.text(max_size=40),
    st.sampled_from(["08", "09", "06"]),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from(["", "-", " "]),
    st.text(max_size=40),
)
def test_phone_numbers_never_survive_masking(
    before: str, prefix: str, rest: str, sep: str, after: str
) -> None:
    phone = f"{prefix}{rest[:1]}{sep}{rest[1:4]}{sep}{rest[4:]}"
    text = f"{before} {phone} {after}"
    masked = mask_text(text) or ""
    digits_only = "".join(ch for ch in masked if ch.isdigit())
    assert f"{prefix}{rest}" not in digits_only or f"{prefix}{rest}" in "".join(
        ch for ch in f"{before}{after}" if ch.isdigit()
    )
