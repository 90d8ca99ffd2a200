"""Checks shared by forms across domains: Vietnamese phone numbers, emails, passwords."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

PHONE_RE = re.compile(r"^(?:0|\+84)(\d{9})$")


def normalise_phone(raw: str) -> str | None:
    """A Vietnamese number (0 + 9 digits, or +84 + 9 digits) as 0XXXXXXXXX, else None."""
    compact = re.sub(r"[\s.\-()]", "", raw or "")
    match = PHONE_RE.match(compact)
    if not match or match.group(1)[0] == "0":
        return None
    return "0" + match.group(1)


# Mobile prefixes since the 2018 renumbering (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile,
# Itel, Reddi); 02x numbers are landlines, which cannot receive a text or a Zalo message.
MOBILE_PREFIXES = frozenset(
    {"032", "033", "034", "035", "036", "037", "038", "039", "052", "055", "056", "058", "059", "070"}
    | {"076", "077", "078", "079", "081", "082", "083", "084", "085", "086", "087", "088", "089"}
    | {f"09{d}" for d in range(10)}
)


def normalise_mobile(raw: str) -> str | None:
    """A Vietnamese mobile number as 0XXXXXXXXX (a known mobile prefix), else None."""
    phone = normalise_phone(raw)
    return phone if phone is not None and phone[:3] in MOBILE_PREFIXES else None


def normalise_email(raw: str) -> str | None:
    """The email in lower case when it is well formed, else None (no DNS look-up)."""
    try:
        result = validate_email((raw or "").strip(), check_deliverability=False)
    except EmailNotValidError:
        return None
    return result.normalized.lower()


def password_problem(password: str) -> str | None:
    """A code for why a password is too weak (the caller words it), or None when it will do."""
    if len(password) < 8:
        return "too_short"
    if len(password) > 128:
        return "too_long"
    if password.isdigit() or len(set(password)) < 5:
        return "too_simple"
    if password.lower() in COMMON_PASSWORDS:
        return "too_common"
    return None


COMMON_PASSWORDS = {
    "12345678",
    "123456789",
    "password",
    "password1",
    "matkhau123",
    "qwertyui",
    "iloveyou",
    "11111111",
    "abcd1234",
    "anhyeuem",
    "matkhau1",
}
