"""Words people type instead of pressing buttons, folded (see :func:`nlu.text.fold`). Indonesian, informal
spellings, Javanese/Malay forms and English side by side, because people mix them."""

from __future__ import annotations

MENU = frozenset({"menu", "/menu", "/start", "start", "mulai", "home", "menu utama", "main menu", "awal"})
CANCEL = frozenset(
    {
        "batal",
        "/batal",
        "cancel",
        "/cancel",
        "btl",
        "gak jadi",
        "ga jadi",
        "gk jadi",
        "nggak jadi",
        "tidak jadi",
        "ndak jadi",
        "stop",
        "batalkan",
    }
)
BACK = frozenset({"kembali", "/kembali", "back", "/back", "balik", "mundur", "sebelumnya"})
SKIP = frozenset(
    {
        "lewati",
        "lewat",
        "skip",
        "-",
        "tidak ada",
        "tdk ada",
        "gak ada",
        "ga ada",
        "gk ada",
        "ngga ada",
        "nggak ada",
        "kosong",
        "tidak tahu",
        "tdk tau",
        "gak tau",
        "ga tau",
        "gk tau",
        "nggak tahu",
        "none",
        "no idea",
        "pass",
    }
)
YES = frozenset(
    {
        "ya",
        "iya",
        "iyaa",
        "y",
        "yes",
        "yup",
        "ok",
        "oke",
        "okay",
        "betul",
        "benar",
        "bener",
        "setuju",
        "saya setuju",
        "sip",
        "nggih",
        "enggih",
        "inggih",
        "boleh",
        "mau",
        "kirim",
        "lanjut",
    }
)
NO = frozenset(
    {
        "tidak",
        "tdk",
        "gak",
        "ga",
        "gk",
        "nggak",
        "ngga",
        "enggak",
        "ndak",
        "no",
        "nope",
        "bukan",
        "tidak setuju",
        "belum",
        "blm",
        "ora",
        "mboten",
    }
)
DONE = frozenset({"selesai", "done", "sudah", "udah", "dah", "sdh", "cukup", "finish", "beres"})
