"""Which language a buyer wrote in: the script first, then each language's common words.

Buyers write a line or two, often without accents, with an order number in the middle. A
statistical detector trained on prose (langdetect, fastText's lite model) guesses wildly on
such texts and weighs megabytes in the app (see the README's developer notes); the nine
languages sellers meet most are told apart by their script, a few letters only they use
(``ñ``, ``ß``, ``ł``, ``ã``) and their commonest words, which are a few hundred lines of data
here. Anything else, or a message too short to tell, is ``"unknown"``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

UNKNOWN = "unknown"
LANGUAGES = ("en", "zh", "es", "fr", "de", "pt", "it", "ru", "pl")
"""The languages told apart by their words (the scenarios' triage phrases use these codes)."""
LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "pt": "Portuguese",
    "it": "Italian",
    "ru": "Russian",
    "pl": "Polish",
    "ja": "Japanese",
    "ko": "Korean",
    "uk": "Ukrainian",
    "ar": "Arabic",
    "el": "Greek",
    "he": "Hebrew",
    "th": "Thai",
}

# Letters that only some of the Latin-script languages use: each hit adds to those languages.
_LETTERS: dict[str, tuple[str, ...]] = {
    "ñ": ("es",),
    "¿": ("es",),
    "¡": ("es",),
    "ß": ("de",),
    "ä": ("de",),
    "ö": ("de",),
    "ü": ("de",),
    "ą": ("pl",),
    "ę": ("pl",),
    "ł": ("pl",),
    "ś": ("pl",),
    "ź": ("pl",),
    "ż": ("pl",),
    "ć": ("pl",),
    "ń": ("pl",),
    "ã": ("pt",),
    "õ": ("pt",),
    "ç": ("pt", "fr"),
    "ê": ("pt", "fr"),
    "â": ("pt", "fr"),
    "ô": ("pt", "fr"),
    "è": ("fr", "it"),
    "ù": ("fr", "it"),
    "œ": ("fr",),
    "î": ("fr",),
    "û": ("fr",),
    "ë": ("fr",),
    "ì": ("it",),
    "ò": ("it",),
}

# Each language's commonest short words and the words buyers use most (order, parcel, receive).
# A word listed under two languages counts for both; what tells them apart is the rest.
_WORDS: dict[str, str] = {
    "en": """the a an and or but is are was were be been have has had do does did not no don't
        didn't haven't hasn't isn't it's i'm i i've my me you your we our they this that there
        where when what why how please hi hello thanks thank can could would will just still
        yet of to in on for with from at by it order package parcel item received arrived
        refund tracking yet already got wrong broken if so as""",
    "es": """el la los las un una unos unas y o pero es son fue está están estoy he ha han
        hemos no sí mi mis me tu su nuestro que qué donde dónde cuando cuándo porque por para
        con sin de del al lo le se les hola gracias buenas todavía aún ya pedido paquete recibido
        llegado llegó envío producto quiero puede pueden hay muy también este esta""",
    "fr": """le la les un une des et ou mais est sont était suis ai as avons ont pas ne
        n'est n'ai je j'ai mon ma mes vous votre nous notre ce cette ces qui que quoi où quand
        pourquoi comment pour avec sans du au aux dans sur bonjour merci toujours encore déjà
        commande colis reçu arrivé livraison produit rien très aussi s'il de me c'est
        il elle on avez pouvez""",
    "de": """der die das den dem des ein eine einen einem und oder aber ist sind war bin habe
        hat haben nicht kein keine ich mein meine mir mich sie ihr ihre wir unser wo wann was
        warum wie bitte hallo danke noch schon mit ohne von zu im am auf für bei bestellung
        paket sendung erhalten angekommen geliefert artikel ware leider immer es gibt
        beim dauert können ist auch nur""",
    "pt": """o a os as um uma e ou mas é são foi está estão estou tenho tem têm não sim meu
        minha meus me você seu sua nosso que onde quando porque por para com sem do da dos das
        no na nos nas ao olá obrigado obrigada ainda já pedido encomenda pacote recebi
        recebido chegou produto quero pode também muito de vocês está""",
    "it": """il lo la i gli le un uno una e o ma è sono era ho ha hanno abbiamo non sì mio mia
        miei mi ti tu suo sua nostro che dove quando perché per con senza del della dei al
        alla nel nella ciao salve grazie buongiorno ancora già ordine pacco ricevuto arrivato
        spedizione prodotto voglio può anche molto questo questa""",
    "pl": """i w na z do nie tak jest są był była było mam ma mamy mój moja moje mi mnie ty
        pan pani państwo nasz że gdzie kiedy dlaczego jak proszę dzień dobry dziękuję witam
        jeszcze już zamówienie zamówienia paczka paczki przesyłka przesyłki otrzymałem
        otrzymałam dostałem dostałam produkt towar bardzo czy się to ten ta""",
}
_CYRILLIC_UKRAINIAN = set("іїєґ")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split()) for code, words in _WORDS.items()
}
MIN_EVIDENCE = 2.0
"""Below this many points (a word is one, a telling letter half), the message is too short."""


def detect_language(text: str) -> str:
    """The language code of ``text`` (one of ``LANGUAGES``, another script's code such as
    ``ja`` or ``ko``), or ``"unknown"`` when the text does not say clearly enough."""
    text = unicodedata.normalize("NFKC", text)
    scripts = _scripts(text)
    words = [w.replace("’", "'") for w in _WORD.findall(text.casefold())]
    latin_words = [w for w in words if all(_is_latin(c) for c in w)]
    if scripts["kana"] >= 2:
        return "ja"
    if scripts["hangul"] >= 2:
        return "ko"
    # A Chinese character says as much as a word: more of them than Latin words is Chinese.
    if scripts["han"] >= 2 and scripts["han"] >= len(latin_words):
        return "zh"
    cyrillic = scripts["cyrillic"]
    if cyrillic >= 4 and cyrillic >= sum(len(w) for w in latin_words):
        return "uk" if _CYRILLIC_UKRAINIAN & set(text.casefold()) else "ru"
    for script in ("arabic", "greek", "hebrew", "thai"):
        if scripts[script] >= 4 and scripts[script] >= sum(len(w) for w in latin_words):
            return {"arabic": "ar", "greek": "el", "hebrew": "he", "thai": "th"}[script]
    return _latin_language(latin_words, text.casefold())


def _latin_language(words: list[str], folded: str) -> str:
    points: dict[str, float] = defaultdict(float)
    for word in words:
        for code, stopwords in _STOPWORDS.items():
            if word in stopwords:
                points[code] += 1.0
    for char in folded:
        for code in _LETTERS.get(char, ()):
            points[code] += 0.5
    if not points:
        return UNKNOWN
    ranked = sorted(points.items(), key=lambda item: -item[1])
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score < MIN_EVIDENCE or score < runner_up * 1.25:
        return UNKNOWN
    return best


def _is_latin(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


def _scripts(text: str) -> Counter[str]:
    """How many characters of each script of interest ``text`` holds."""
    counts: Counter[str] = Counter()
    for char in text:
        point = ord(char)
        if point < 0x370:
            continue
        if 0x4E00 <= point <= 0x9FFF or 0x3400 <= point <= 0x4DBF or 0x20000 <= point <= 0x2FFFF:
            counts["han"] += 1
        elif 0x3040 <= point <= 0x30FF:
            counts["kana"] += 1
        elif 0xAC00 <= point <= 0xD7AF or 0x1100 <= point <= 0x11FF:
            counts["hangul"] += 1
        elif 0x400 <= point <= 0x4FF:
            counts["cyrillic"] += 1
        elif 0x600 <= point <= 0x6FF:
            counts["arabic"] += 1
        elif 0x370 <= point <= 0x3FF:
            counts["greek"] += 1
        elif 0x590 <= point <= 0x5FF:
            counts["hebrew"] += 1
        elif 0xE00 <= point <= 0xE7F:
            counts["thai"] += 1
    return counts
