"""Which places are countries, US states or continents: "which country ...?" wants a country.

A capitalised run next to "in" may be a city, an agency or a person as easily as a country;
when the question names the kind of place it wants, the names of that kind (the world's
countries with their common short forms, the fifty states and DC, the continents) are the
clear answers and any other run is only a weak one. General knowledge, not a list of the
places in any set of questions.
"""

from __future__ import annotations

import re
from typing import Literal

from index.text.terms import fold

PlaceKind = Literal["country", "state", "continent"]


def _names(text: str) -> frozenset[str]:
    """The names, each also without its full stops ("U.S." as "us": a span may end before
    the last one, "U.S")."""
    names = {fold(n.strip()) for n in text.split(";") if n.strip()}
    return frozenset(names | {n.replace(".", "") for n in names})


COUNTRIES = _names(
    """
    Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia;
    Australia; Austria; Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium;
    Belize; Benin; Bhutan; Bolivia; Bosnia and Herzegovina; Bosnia; Botswana; Brazil; Brunei;
    Bulgaria; Burkina Faso; Burundi; Cabo Verde; Cape Verde; Cambodia; Cameroon; Canada;
    Central African Republic; Chad; Chile; China; Colombia; Comoros; Congo;
    Democratic Republic of the Congo; Costa Rica; Croatia; Cuba; Cyprus; Czech Republic;
    Czechia; Denmark; Djibouti; Dominica; Dominican Republic; Ecuador; Egypt; El Salvador;
    Equatorial Guinea; Eritrea; Estonia; Eswatini; Ethiopia; Fiji; Finland; France; Gabon;
    Gambia; Georgia; Germany; Ghana; Greece; Grenada; Guatemala; Guinea; Guinea-Bissau;
    Guyana; Haiti; Honduras; Hungary; Iceland; India; Indonesia; Iran; Iraq; Ireland; Israel;
    Italy; Ivory Coast; Cote d'Ivoire; Jamaica; Japan; Jordan; Kazakhstan; Kenya; Kiribati;
    Kosovo; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon; Lesotho; Liberia; Libya; Liechtenstein;
    Lithuania; Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali; Malta;
    Marshall Islands; Mauritania; Mauritius; Mexico; Micronesia; Moldova; Monaco; Mongolia;
    Montenegro; Morocco; Mozambique; Myanmar; Burma; Namibia; Nauru; Nepal; Netherlands;
    Holland; New Zealand; Nicaragua; Niger; Nigeria; North Korea; North Macedonia; Norway;
    Oman; Pakistan; Palau; Palestine; Panama; Papua New Guinea; Paraguay; Peru; Philippines;
    Poland; Portugal; Qatar; Romania; Russia; Rwanda; Saint Kitts and Nevis; Saint Lucia;
    Saint Vincent and the Grenadines; Samoa; San Marino; Sao Tome and Principe; Saudi Arabia;
    Senegal; Serbia; Seychelles; Sierra Leone; Singapore; Slovakia; Slovenia;
    Solomon Islands; Somalia; South Africa; South Korea; Korea; South Sudan; Spain;
    Sri Lanka; Sudan; Suriname; Sweden; Switzerland; Syria; Taiwan; Tajikistan; Tanzania;
    Thailand; Timor-Leste; East Timor; Togo; Tonga; Trinidad and Tobago; Tunisia; Turkey;
    Turkiye; Turkmenistan; Tuvalu; Uganda; Ukraine; United Arab Emirates; UAE;
    United Kingdom; UK; U.K.; Britain; Great Britain; England; Scotland; Wales;
    Northern Ireland; United States; United States of America; US; U.S.; USA; U.S.A.;
    America; Uruguay; Uzbekistan; Vanuatu; Vatican City; Vatican; Venezuela; Vietnam;
    Yemen; Zambia; Zimbabwe; Greenland; Hong Kong; Puerto Rico
    """
)
US_STATES = _names(
    """
    Alabama; Alaska; Arizona; Arkansas; California; Colorado; Connecticut; Delaware; Florida;
    Georgia; Hawaii; Idaho; Illinois; Indiana; Iowa; Kansas; Kentucky; Louisiana; Maine;
    Maryland; Massachusetts; Michigan; Minnesota; Mississippi; Missouri; Montana; Nebraska;
    Nevada; New Hampshire; New Jersey; New Mexico; New York; North Carolina; North Dakota;
    Ohio; Oklahoma; Oregon; Pennsylvania; Rhode Island; South Carolina; South Dakota;
    Tennessee; Texas; Utah; Vermont; Virginia; Washington; West Virginia; Wisconsin; Wyoming;
    District of Columbia; Washington, D.C.; Puerto Rico
    """
)
CONTINENTS = _names(
    """
    Africa; Antarctica; Asia; Australia; Europe; North America; South America; Oceania;
    Latin America; Central America; the Middle East; Middle East
    """
)
_KINDS: dict[PlaceKind, frozenset[str]] = {
    "country": COUNTRIES,
    "state": US_STATES,
    "continent": CONTINENTS,
}
_ASKED_KIND = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,3}?(?<!head of )"
    r"(country|countries|nation|nations|state|states|continent)\b",
    re.IGNORECASE,
)


def place_kind(question: str) -> PlaceKind | None:
    """The kind of place a question asks for by name ("which country", "what US state")."""
    m = _ASKED_KIND.search(question)
    if m is None:
        return None
    noun = m.group(1).lower()
    if noun.startswith(("countr", "nation")):
        return "country"
    return "state" if noun.startswith("state") else "continent"


def places_of_kind(kind: PlaceKind) -> frozenset[str]:
    """The places of a kind, folded ("united kingdom", "idaho")."""
    return _KINDS[kind]


def is_place_of_kind(name: str, kind: PlaceKind) -> bool:
    """Whether `name` ("the United Kingdom", "Idaho") is a place of that kind."""
    folded = fold(name).strip()
    folded = folded[4:] if folded.startswith("the ") else folded
    return folded.replace(".", "") in _KINDS[kind]  # (each name is listed without its stops)


def is_known_place(name: str) -> bool:
    """Whether `name` is a country, a US state or a continent."""
    return any(is_place_of_kind(name, kind) for kind in _KINDS)
