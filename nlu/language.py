"""Which language a message is written in, as far as the bot's two catalogs go: English or not."""

from __future__ import annotations

from nlu.text import fold, words


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ENGLISH = _wordset(
    """i me my mine you your we our us they them their he she it its is am are was were be been being do
    does did have has had will would can could should shall may might must not no yes the a an this that
    these those to of for with in on at by from about into over after before and or but if because so
    what how why when where who which please help need want know get got go going work working hello hi
    hey dear thank thanks sir madam there here any some all very just also still now again more than up
    out took take taken give gave paid pay tell told say said good morning afternoon evening night"""
)
_INDONESIAN = _wordset(
    """saya sy aku aq gue gw kami kita kamu anda dia mau ingin pengen tanya nanya gaji yang yg di ke dari dan
    atau ini itu tidak tdk gak ga gk nggak ngga belum blm sudah udah sdh ada bisa apa bagaimana gimana gmn
    berapa kapan dimana min kak pak bu mas mbak tolong mohon terima kasih makasih dong ya nya sih kok deh aja
    juga dengan untuk karena tapi tp kalau kalo sama majikan agen pulang kerja halo hallo selamat pagi siang
    sore malam assalamualaikum lah kan nih tuh"""
)
"""Words of Indonesian (or Malay/Javanese) chat only: one of them and the message is not English."""


def looks_english(text: str) -> bool:
    """Clearly English: at least three words, no Indonesian-only word, at least half of them English function
    words. Short greetings ("hi", "ok") and mixed messages stay Indonesian, the default language.
    """
    tokens = words(fold(text))
    if len(tokens) < 3 or any(token in _INDONESIAN for token in tokens):
        return False
    return sum(token in _ENGLISH for token in tokens) * 2 >= len(tokens)
