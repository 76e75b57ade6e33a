"""Regular-expression word classes shared by the rule tables (danger, complaint category): pronouns, family
members, negations, devices, document holders, written once so that the tables agree on them."""

from __future__ import annotations

DI = r"(?:di|d)[\s-]?"  # passive prefix, possibly detached
ME = r"(?:saya|sy|aku|ak|aq|gue|gw|gua|kami|kita|me|us)"
PERSON = (
    r"(?:suami|istri|isteri|anak|ibu|bapak|bpk|ayah|adik|adek|kakak|abang|teman|temen|kawan|saudara|sodara"
    r"|keluarga|mama|papa|emak|ortu|nenek|kakek|ponakan|keponakan|sepupu|pacar|tunangan|mertua|husband|wife|son"
    r"|daughter|mother|father|brother|sister|friend)(?:nya|ku|mu)?"
)
NEG = r"(?:tidak|tdk|gak|ga|gk|g|nggak|ngga|enggak|engga|ndak|nda|ora|belum|blm|belom|blum|tak|x|not|never)"
DEVICE = (
    r"(?:hp|hape|handphone|ponsel|henpon|telepon|telpon|baterai|batre|batrai|lampu|listrik|wifi|internet|sinyal"
    r"|motor|mobil|mesin|kartu|nomor|nomer|no|paspor|visa|arc|izin|ijin|kontrak|tv|ac|kipas|pulsa|kuota|akun"
    r"|aplikasi|laptop|komputer|jam|air|phone|battery)"
)
HOLDER = (
    r"(?:majikan|agen|agensi|agency|pt|sponsor|bos|boss|calo|employer|perusahaan|kantor|pl|mandor|tekong)"
)
PASSPORT = r"(?:paspor|pasport|passport|paspot|pasprt|pspr|dokumen|ktp|arc|iqamah|iqama|ijazah)(?:nya|ku)?"
WITHIN3 = r"(?:\s+\S+){0,3}?\s+"  # up to three words in between


def any_of(*alternatives: str) -> str:
    """One alternative per line in the tables below: ``any_of("a", "b")`` is ``(?:a|b)``."""
    return "(?:" + "|".join(alternatives) + ")"
