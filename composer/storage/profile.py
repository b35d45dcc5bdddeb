"""The seller's profile: who signs the replies, and the defaults they work with.

One typed schema with defaults. A scenario field with the same name as a profile field
(``seller_name``, ``shop_name``, ``platform``, ``currency``, ``sign_off``) starts filled in from
the profile, so the seller types their name once, not in every reply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from composer.storage.text_repair import mend
from composer.templating.fields import Value
from composer.templating.scenario import Scenario

PLATFORMS = ("AliExpress", "Amazon", "eBay", "Shopee", "Etsy", "Wish", "Shopify")
_CURRENCY = re.compile(r"[A-Z]{3}")
MAX_LENGTH = 200  # characters in one profile value: a name, a shop, a sign-off line


class ProfileError(ValueError):
    """A profile value that does not fit; the message names the field."""


@dataclass(frozen=True)
class Profile:
    """The seller's name, shop and defaults. Empty text means "not set"."""

    seller_name: str = ""
    shop_name: str = ""
    platform: str = ""  # the platform most replies go to (AliExpress, Amazon, ...)
    currency: str = "USD"  # the currency amounts are usually in
    sign_off: str = ""  # a closing line, e.g. "Best regards"

    def values(self) -> dict[str, str]:
        """The fields that are set, by name."""
        return {name: value for name, value in asdict(self).items() if value}


FIELD_NAMES = tuple(f.name for f in fields(Profile))


def checked(profile: Profile) -> Profile:
    """A tidied copy; raises ProfileError when a value does not fit.

    Broken characters (half an emoji) are replaced with U+FFFD.
    """
    tidy = {name: mend(str(value).strip())[0] for name, value in asdict(profile).items()}
    tidy["currency"] = tidy["currency"].upper()
    if tidy["currency"] and not _CURRENCY.fullmatch(tidy["currency"]):
        raise ProfileError(f"currency: {profile.currency!r} is not a code like USD or EUR")
    for name, value in tidy.items():
        if len(value) > MAX_LENGTH:
            raise ProfileError(f"{name}: at most {MAX_LENGTH} characters ({len(value):,} given)")
    return replace(profile, **tidy)


def from_json(data: Any) -> Profile:
    """A profile from its stored form; unknown or mistyped entries are ignored."""
    if not isinstance(data, Mapping):
        return Profile()
    known = {
        n: data[n]
        for n in FIELD_NAMES
        if isinstance(data.get(n), str) and len(data[n]) <= MAX_LENGTH
    }
    try:
        return checked(Profile(**known))
    except ProfileError:
        known.pop("currency", None)
        return checked(Profile(**known))


def prefill(scenario: Scenario, profile: Profile) -> dict[str, Value]:
    """Values for ``scenario``'s fields that have a profile field's name.

    A profile value that does not fit the field (a platform that is not one of a choice
    field's options) is left out rather than forced in.
    """
    return scenario.values_from(profile.values())
