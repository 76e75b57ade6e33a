"""What a message is for: one of :data:`INTENTS`, decided by rules in priority order.

1. ``danger``: the danger reader's verdict (:func:`nlu.danger.read_danger`), except harm the writer says is
   over ("dulu pernah dipukul, sekarang sudah aman"), a death that is not recent (reported to bring the body
   home), a question about a scam country, and kinds that are reports, not emergencies (a passport kept by the
   employer, running away to safety);
2. ``status_check``: a reference, a bare PIN, a NIK given to find a report, or asking after a report made;
3. ``talk_to_officer``: asking for a person, a call back, "bukan bot";
4. ``menu``: nothing but menu, greeting, thanks, farewell or "ok" words (or only emoji);
5. ``report_family`` / ``report_self``: the writer's relative's or own situation (a complaint category, a
   wish to report, a first-person problem), unless it is a general question;
6. ``question``: everything else, for the FAQ.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from nlu import commands
from nlu.category import is_general_question
from nlu.danger import Danger
from nlu.kinds import CATEGORIES
from nlu.patterns import ME, NEG
from nlu.text import fold, words

INTENTS = ("question", "report_self", "report_family", "status_check", "talk_to_officer", "menu", "danger")

NOT_EMERGENCIES = frozenset({"document_retention", "runaway"})
"""Danger kinds that are reports for the intent: the person is not in danger this minute because of them."""
HARMS = frozenset({"violence", "sexual_violence", "trafficking"})
EVERYDAY = frozenset(CATEGORIES) - HARMS - {"death"}
"""Complaint categories that are not an emergency by themselves (illness here is "sakit", "dirawat"; a medical
emergency has words of its own that the model reads: "pingsan", "pendarahan")."""
_EMERGENCY = re.compile(
    r"\b(?:sesak\s+(?:napas|nafas)|(?:ga|gak|tidak|tdk|susah)\s+bisa\s+(?:napas|nafas)|pingsan|pendarahan"
    r"|(?<!demam\s)berdarah|kritis|koma|(?:ga|gak|tidak|tdk)\s+(?:ber)?gerak"
    r"|(?:ga|gak|tidak|tdk|nggak)\s+sadar\w*|(?:ga|gak|tidak|tdk|nggak)\s+bangun\w*|kejang|muntah\s+darah|sekarat"
    r"|overdosis|keracunan|can'?t\s+breathe|unconscious|bleeding)\b"
)
"""A medical emergency beside an illness: "sesak napas dari tadi, dada sakit banget" is not an everyday "sakit"."""
_HARM_CUE = re.compile(
    r"\b(?:takut|ketakutan|ngeri|terancam|ancam\w*|ngancam|ngancem|diancam|bunuh|dibunuh|mati|mengakhiri|akhiri"
    r"|pesan\s+terakhir|selamat\s+tinggal|pamit|racun|loncat|lompat|gantung\s+diri|silet|nyilet|sayat"
    r"|(?:capek|cape|lelah|males)\s+hidup|(?:ga|gak|tidak|tdk|nggak)\s+(?:kuat|sanggup)\s+hidup|masuk\s+kamar"
    r"|(?:ga|gak|tidak|tdk|nggak)\s+(?:ingin|mau|pengen)\s+hidup"
    r"|pintu\s+kamar\w*|kamar(?:ku|\s+(?:aku|saya|sy))|mabuk|maksa|memaksa|dipaksa|paksa|kunci|dikunci|kurung"
    r"|dikurung|ngunci\w*|dikunciin|ngurung|nyekap|sekap|disekap|(?:ga|gak|tidak|tdk)\s+(?:boleh|bisa)\s+(?:keluar|kabur|pulang)|dijual|jual|melayani"
    r"|pukul\w*|dipukul\w*|mukul\w*|tampar|ditampar|tendang|ditendang|siksa|disiksa|cekik|nyekik|pisau|setrika|bakar"
    r"|siram|memar|lebam|darah|meninggal|mayat|sesak|darurat|bahaya|emergency|urgent|afraid|scared|kill|die|dying"
    r"|hurt|forced|locked|trapped|rape\w*|abuse\w*)\b"
)
"""Words of harm, fear or confinement: without one (or an emergency word), the model's verdict alone does not make
the intent danger ("tolong pulangkan saya, saya tidak kuat lagi kerja di sini" is a wish to go home)."""
_COERCED = re.compile(
    r"\b(?:dipaksa|paksa|disekap|dikurung|dikunci|dijual|ditahan|dikurung|tidak\s+bisa\s+keluar|ga\s+bisa\s+keluar"
    r"|gak\s+bisa\s+keluar|tdk\s+bisa\s+keluar|ga\s+boleh\s+keluar|tidak\s+boleh\s+keluar|dijaga|diancam"
    r"|held|forced|trapped|locked|(?:cannot|can'?t)\s+leave)\b"
)

_OVER = re.compile(
    r"\b(?:dulu|dlu|pernah|sudah\s+aman|udah\s+aman|sdh\s+aman|udh\s+aman|dah\s+aman|skrg\s+aman"
    r"|(?:sudah|udah|sdh|udh)\s+(?:(?!ga\b|gak\b|tidak\b|tdk\b|nggak\b|belum\b|blm\b)\S+\s+){1,3}?aman"
    r"|(?:sekarang|skrg)\s+(?:sudah\s+|udah\s+|sdh\s+)?(?:di\s+\S+\s+)?aman|sudah\s+di\s*shelter|udah\s+di\s*shelter|sudah\s+di\s*rumah"
    r"|(?:tahun|thn|taun|bulan|bln)\s+(?:lalu|kemarin|kemaren|kmrn)|now\s+safe|safe\s+now|already\s+safe"
    r"|se(?:tahun|bulan)\s+(?:yang\s+|yg\s+)?(?:lalu|kemarin|kemaren|kmrn)"
    r"|(?:sudah|udah|sdh|udh|dah)\s+(?:pulang|di\s+indonesia|di\s+indo|di\s+kampung))\b"
)
_REPORT_NOUN = r"(?:laporan|lapor|melapor|lapuran|aduan|pengaduan|tiket|ticket|report|komplain|complain|kasus|case|keluhan)\w*"
_STATUS = re.compile(
    "|".join(
        (
            r"\b(?:status|perkembangan|progres|progress|update|tindak\s*lanjut|ditindak\s*lanjuti|follow\s*up"
            rf"|sampai\s+mana|sampe\s+mana|smp\s+mana|nyampe\s+mana)\b.*\b{_REPORT_NOUN}"
            rf"|\b{_REPORT_NOUN}\b.*\b(?:status|perkembangan|progres|progress|update|tindak\s*lanjut"
            r"|ditindak\s*lanjuti|follow\s*up|sampai\s+mana|sampe\s+mana|smp\s+mana|nyampe\s+mana|diproses"
            r"|ditangani|direspon|ditanggapi|dibalas)\b",
            r"\bcek\s+status\b|\bstatus\w*\s+(?:saya|sy|aku|ku)\b|\bstatus\w*\s+(?:ditutup|selesai|closed)\b",
            rf"\b(?:hasil|kabar|perkembangan|nasib|kelanjutan)\w*\s+(?:soal\s+|tentang\s+|dari\s+)?{_REPORT_NOUN}",
            rf"\b{_REPORT_NOUN}\s+(?:yang|yg)\s+(?:saya|sy|aku|ku|kami)\s+(?:buat|bikin|kirim|ajukan|isi)\b",
            r"\b(?:cek|dicek|ngecek|mengecek|check|lihat|liat)\s+(?:\w+\s+)?(?:laporan|aduan|pengaduan|tiket|report)\w*",
            r"\b(?:laporan|aduan|pengaduan|lapuran)(?:ku|nya|ne)\b.*\b(?:piye|gimana|gmn|bagaimana|kabar\w*|sampai"
            r"|sampe|sudah|udah|dah|belum|blm)\b",
            r"\b(?:sudah|udah|sdh|udh|dah|pernah|kemarin|kemaren|kmrn|minggu\s+lalu|bulan\s+lalu|wis|wes)\s+"
            r"(?:\w+\s+){0,3}?(?:lapor|melapor|ngadu|mengadu|bikin\s+laporan|buat\s+laporan|report|komplain|complain)\w*"
            r"\b.*\b(?:belum|blm|blom|ga|gak|tidak|tdk|nggak|kok|kapan|gimana|gmn|bagaimana|apa)\b",
            rf"\b{_REPORT_NOUN}\s+(?:saya|sy|aku|ak|ku|kami|ibu|anak|suami|istri)\w*\b.*\b(?:gimana|gmn|bagaimana"
            r"|gmna|kapan|sudah|udah|belum|blm|apa\s+kabar|kabarnya|sampai|sampe)\b",
            r"\b(?:lupa|hilang|ilang)\s+(?:nomor|no|kode|nmr|nomer|pin|referensi|ref)\b",
            r"\b(?:nomor|no|kode|nmr|nomer)\s+(?:referensi|ref|tiket|laporan|pengaduan)\s+(?:saya|sy|aku|ku)\b",
            r"\b(?:my|the|our)\s+(?:report|case|complaint|ticket)\b.*\b(?:status|update|progress|news|any"
            r"|processed|handled|answered|checked|read|closed|reply|response|yet)\b",
            r"^\W*(?:\S+\s+){0,2}?(?:laporan|aduan|pengaduan|lapuran)\s+(?:soal|tentang|mengenai|untuk)\b.*\b(?:gimana|gmn"
            r"|bagaimana|kabar\w*|sudah|udah|belum|blm|sampai|sampe)\b",
            r"\b(?:any|no)\s+(?:news|update|progress|reply|response|answer)\b.*\b(?:report|case|complaint|ticket)\b",
            r"\b(?:looked\s+at|happened\s+to|checked\s+on|working\s+on|news\s+(?:of|on|about))\s+(?:my|our|the)\s+"
            r"(?:report|case|complaint|ticket)\b",
            r"\b(?:laporan|aduan|pengaduan|lapuran|report)\s+(?:yang\s+|yg\s+)?(?:kemarin|kemaren|kmrn|kmarin|tadi"
            r"|sebelumnya|minggu\s+lalu|bulan\s+lalu)\b",
            rf"\b(?:ga|gak|belum|blm|tidak|tdk|nggak)\s+(?:ada\s+)?(?:yang\s+|yg\s+)?(?:bales|balas|jawab|respon|tanggapi"
            rf"|baca|proses)\w*\s+{_REPORT_NOUN}",
            rf"\b(?:petugas|officer|admin|orang)\b.*\b(?:pegang|megang|tangani|menangani|urus|ngurus|baca|proses)\w*\s+"
            rf"{_REPORT_NOUN}",
            r"\b(?:laporan|aduan|pengaduan|lapuran|kasus)\w*\b.*\b(?:ada\s+hasil\w*|hasilnya|ada\s+perkembangan"
            r"|(?:sudah|udah|sdh)\s+ada\s+kabar)\b",
        )
    )
)
_OFFICER = re.compile(
    r"\b(?:petugas|officer|operator|manusia|orang\s+asli|orang\s+beneran|bukan\s+(?:bot|robot|mesin|chatbot)"
    r"|bukan\s+(?:jawaban\s+|balasan\s+)?(?:otomatis|auto\w*)|not\s+(?:a\s+)?chatbot"
    r"|not\s+(?:a\s+)?(?:bot|robot)|real\s+(?:person|human)|human|customer\s+service"
    r"|admin\s+asli|konselor|counsellor|counselor|pendamping)\b"
)
_CALL = re.compile(
    r"\b(?:telepon|telpon|telp|tlp|telfon|call|hubungi|kontak|nelpon|telponin|teleponin|hubungin)\s+"
    r"(?:saya|sy|aku|ak|me|balik|back|kami)\b|\bcall\s*back\b"
    r"|\bminta\s+(?:di)?(?:telepon|telpon|telp|telfon|hubungi|kontak|call)\w*\b"
    r"|\btolong\s+(?:di)?(?:telepon|telpon|telp|tlp|telfon|call)\w*\s+(?:aja|saja|ya|dong|min|kak)\b"
    r"|\b(?:nomor|nomer|no)\s+(?:yang\s+|yg\s+)?(?:bisa\s+)?(?:saya\s+|sy\s+|aku\s+)?(?:telpon|telepon|hubungi|call)\b"
    r"|\b(?:telepon|telpon|telp|tlp|telfon|call)\s+(?:ke\s+)?(?:nomor|nomer|no|number|wa|whatsapp)\b"
    r"|\b(?:bicara|berbicara|ngomong|ngobrol|chat|bercakap|cakap|talk|speak|sambung\w*|hubung\w*|connect|matur"
    r"|curhat|konsultasi)\s+(?:\w+\s+)?(?:dengan|sama|ama|dgn|sm|to|with|ke|kpd|kepada|kalih|karo)\s+(?:\w+\s+)?"
    r"(?:orang|petugas|manusia|officer|someone|admin|staf|staff|pegawai|human|person|operator|cs)\b"
    r"|\b(?:mau|pengen|pingin|ingin|minta)\s+(?:sama|dengan|ama|sm|dgn|karo)\s+(?:orang|manusia|petugas|admin)\b"
    r"|\b(?:ngobrol|bicara|berbicara|ngomong|konsultasi)\s+(?:via|lewat|pakai|pake|by)\s+(?:telpon|telepon|telp|call"
    r"|video\s*call|vc)\b"
    r"|\b(?:admin|petugas|orang|cs|staf|staff)\s+(?:yang\s+|yg\s+)?(?:bisa\s+)?(?:diajak\s+(?:ngobrol|bicara|ngomong)"
    r"|dihubungi|ditelpon|ditelepon)\b"
)
_CALLED = re.compile(
    r"\b(?:mau|minta|pengen|pingin|pgn|ingin|bisa|boleh|tolong|perlu|butuh)\s+(?:\w+\s+)?di(?:telepon|telpon|telp"
    r"|telfon|tlp|call|video\s*call)\w*\b"
)
"""Asking to be called ("mau ditelpon aja"); "ga bisa ditelpon" is a lost contact, see _asks_for_officer."""
_WISH = re.compile(
    r"\b(?:mau|ingin|pengen|pengin|pingin|pgn|minta|tolong|bisa|bs|please|pls|want|need|can|could|butuh"
    r"|hubungkan|sambungkan|connect|perlu|mohon|harap|nak|arep|ada)\b"
)
_MENU_WORDS = frozenset(
    """
    menu mainmenu utama batal btl cancel kembali balik back mulai ulang lagi awal start restart home stop
    selesai cukup udahan ok oke okay okey okeh okee sip siap baik baiklah ya iya iyaa y yes yup nggih inggih
    makasih mksh makasi terima kasih thanks thank thx tq trims you suwun matur nuwun nuhun halo hallo helo hai
    hi hello hey pagi siang sore malam selamat assalamualaikum assalamu alaikum salam waalaikumsalam wassalam
    permisi bye goodbye good dadah daah dah sampai jumpa see later min kak pak bu mas mbak sis admin morning
    evening night afternoon ya udah yaudah sudah dulu ga jadi gak gk nggak tidak jd jadi all right alright
    noted siip okey wkwk hehe amin aamiin banyak itu aja saja ke p ping info infonya bantuannya banget bgt
    dari wassalamualaikum met kenal atas jelas please pls terimakasih trimakasih makasii thankyou tengkyu tenkyu
    u ty hatur punten mantap mantab oke2 ok2 sip2 semuanya asalamualaikum alhamdulillah deh there
    """.split()  # noqa: SIM905
)  # fmt: skip
_COMMANDS = commands.MENU | commands.CANCEL | commands.BACK
_QUESTION_WORD = re.compile(
    r"\b(?:tanya|nanya|bertanya|brp|berapa|bagaimana|gimana|gmn|gmna|bgmn|apa|apakah|kapan|dimana|di\s+mana"
    r"|dmn|kemana|ke\s+mana|mana|siapa|syarat|cara|caranya|prosedur|info|informasi|how|what|where|when|which|who|why|can|is"
    r"|are|do|does|boleh|bolehkah|bisakah|kah|piye|pripun|macam\s+mana|camne|berapakah|adakah|kenapa|knp)\b"
    r"|\b(?:mau|ingin|pengen|pingin|nak)\s+(?:tau|tahu|menanyakan)\b"
    r"|\?"
)
_HYPOTHETICAL = re.compile(
    r"^\W*(?:(?:min|kak|pak|bu|mas|mbak|halo|hai|permisi|maaf|mau\s+tanya|tanya|numpang\s+tanya)\W+)*"
    r"(?:kalau|kalo|klo|kl|jika|bila|apabila|seandainya|misal|misalnya|if|andai|nek|yen|lek|sekiranya)\b"
)
_JUST_ASKING = re.compile(
    r"\b(?:mau\s+|mo\s+|cuma\s+|cm\s+|hanya\s+|sekedar\s+|sekadar\s+)?(?:tanya|nanya|bertanya)\s+"
    r"(?:aja|saja|doang|dulu|dlu)\b|\b(?:cuma|cm|hanya|sekedar|sekadar)\s+(?:tanya|nanya|bertanya)\b"
)
"""The writer says they are only asking ("sy tanya aja", "cuma nanya"), whatever their question is about."""
_REPORT_WISH = re.compile(
    r"\b(?:mau|ingin|pengen|pgn|minta|tolong|bantu|perlu|akan|arep|nak|want\s+to|wish\s+to|would\s+like\s+to)\s+"
    r"(?:\w+\s+)?(?:lapor|melapor|laporin|melaporkan|ngadu|mengadu|adukan|ngadukan|report|komplain|complain"
    r"|bikin\s+laporan|buat\s+laporan|membuat\s+laporan|bikin\s+aduan|buat\s+pengaduan)\w*\b"
    r"|^\W*(?:lapor|laporan|report|pengaduan|aduan|ngadu)\W*$"
)
_FIRST_PERSON = re.compile(
    rf"\b(?:{ME}|ku|my|i|i'm|im|kulo|awak|ane)\b|\b(?:gaji|paspor|majikan|agen|kontrak|visa|hp|uang)\w*ku\b"
)
_QUESTION_START = re.compile(
    r"^\W*(?:(?:min|kak|pak|bu|mas|mbak|halo|hai|hi|permisi|maaf|admin)\W+)*(?:can|could|is|are|do|does|how|what"
    r"|where|when|which|may|apakah|apa|bagaimana|gimana|gmn|gmna|bisakah|bolehkah|berapa|brp|dimana|kemana"
    r"|kapan|siapa|piye|pripun|macam\s+mana|boleh|bisa)\b"
)
_CONDITIONAL = re.compile(
    r"\b(?:kalau|kalo|klo|jika|bila|apabila|seandainya|misal|misalnya|if|andai|nek|yen|lek|sekiranya)\b"
)
_PROBLEM_EVENT = re.compile(
    rf"\b(?:{NEG})\s+(?:\w+\s+){{0,2}}?(?:dibayar|bayar|digaji|dikasih|dikembalikan|dipulangkan|diberangkatkan"
    r"|keluar|cair|balik|dibalikin)\b"
    r"|\b(?:dipecat|diphk|ditangkap|dideportasi|ditahan|dipotong|ditipu|tertipu|kena\s+tipu|kecelakaan|dirawat"
    r"|terlantar|stuck|kabur)\b"
)
_PROBLEM = re.compile(
    rf"\b(?:{NEG})\s+(?:\w+\s+){{0,2}}?(?:dibayar|bayar|digaji|dikasih|dikasi|diberi|boleh|bisa|mau|pulang|libur"
    r"|dikembalikan|dibalikin|dipulangkan|berangkat|diberangkatkan|sesuai|jelas|ada\s+kabar|aktif|dapat|dapet)"
    r"|\b(?:majikan|agen|agensi|agency|pt|sponsor|bos|boss|employer|calo|lpk|perusahaan|pabrik)\w*\b"
    r"|\b(?:dipecat|diphk|phk|di\s*phk|overstay|ditangkap|dideportasi|sakit|hilang|ilang|kabur|ditahan"
    r"|dipotong|ditipu|tertipu|hamil|kecelakaan|meninggal|dirawat|terlantar|dipulangkan|stuck|kena\s+tipu)\b"
)
_PROSPECTIVE = re.compile(
    r"\b(?:mau|ingin|pengen|pengin|pingin|pgn|arep|nak|rencana|berencana|akan)\s+(?:\w+\s+)?(?:daftar|mendaftar"
    r"|kerja|bekerja|berangkat|melamar|apply|jadi\s+(?:pmi|tki|tkw))\b"
)
"""Going to work abroad, not there yet: "sy mau daftar ke taiwan, harus lewat pt ya?" asks about the rules."""
_ABOUT_RULES = re.compile(
    r"\b(?:melanggar|dilarang|legal|ilegal|wajar|normal|sah|resmi|aturan\w*|hukum\w*|persen|undang\w*)\b"
    r"|^\W*(?:(?:min|kak|mbak|mas|pak|bu)\W+)?(?:apa\s+)?(?:bener|benar|betul|emang|memang)\s+(?:ga|gak|nggak|tidak|kah"
    r"|ya)\b"
)
"""Whether something is allowed, true or usual ("gaji ditahan majikan itu melanggar aturan kan?", "bener ga bpjs
bisa dibayar dari luar negeri?"): a question about the rules when it names nobody's own case."""
_HELP = re.compile(r"\b(?:help|bantu\w*|tolong|tlg|please|pls|mohon)\b")
"""Asking for help names no problem yet: "hello, I need help with my salary please" is answered as a question."""
_YES_NO = re.compile(
    r"\b(?:bisa|bs|boleh|dapat|dapet|perlu|harus|wajib)\s+(?:ga|gak|gk|nggak|ngga|tidak|tak|enggak)\b"
    r"|\b(?:ga|gak|gk|nggak|ngga|tidak|enggak|ya|kah|tak|ke)\W*$"
)
"""A yes/no question without a question word: "aku lulusan sd bisa ga kerja di malaysia", "... ke luar negeri ga"."""
_RECENT = re.compile(
    r"\b(?:baru|barusan|tadi|td|hari\s+ini|sekarang|skrg|just|today|now|mendadak|tiba2|tiba\s+tiba)\b"
)


def _asks_for_officer(folded: str, category: str | None = None) -> bool:
    """A call back, or a person rather than the bot ("bisa ngomong sama orang langsung?", "tolong telpon sy
    balik", "boleh cakap dengan pegawai"). A problem category rules out an officer merely named ("petugas
    imigrasi nahan paspor saya"), and a lost contact rules out being called ("ga bisa ditelpon")."""
    if _CALL.search(folded) or (_CALLED.search(folded) and category != "lost_contact"):
        return True
    return (
        category is None
        and _OFFICER.search(folded) is not None
        and (_WISH.search(folded) is not None or len(words(folded)) <= 4)
    )


def wants_to_report(text: str) -> bool:
    """Whether ``text`` asks for a report in so many words ("sy mau lapor", "nak buat aduan", "lapor")."""
    return _REPORT_WISH.search(fold(text)) is not None


def _only_menu_words(folded: str) -> bool:
    tokens = words(folded)
    if " ".join(tokens) in _COMMANDS:  # "tak jadi", "ora sido": the shared vocabulary's command words
        return True
    return len(tokens) <= 6 and all(token in _MENU_WORDS for token in tokens)


def small_talk(text: str) -> bool:
    """Only greeting, thanks, farewell, "ok" or menu words ("halo min", "makasih kak"): nothing to look up."""
    return _only_menu_words(fold(text))


def _weak(danger: Danger) -> bool:
    """A verdict no danger word backs: the model's alone, or a bare cry for help ("tolong", "please help")."""
    return danger.rule is None or danger.kind == "sos"


def is_danger(danger: Danger | None, folded: str, complaint: str | None = None) -> bool:
    """Danger for the intent: a verdict of the danger reader that is not over and not a report kind, and,
    when no danger word backs it (:func:`_weak`), not a question and not an everyday complaint (``complaint``,
    :func:`nlu.category.complaint_category`): "tolong bantu saya, majikan ga mau bayar gaji" and "saya sakit,
    majikan ga mau bawa ke dokter" are reports. The alarm itself (the router's ``turn.danger``) is not changed
    by this reading: an officer still sees every verdict."""
    if danger is None:
        return False
    if danger.kind in NOT_EMERGENCIES and not (danger.rule is None and complaint in HARMS):
        return False  # the model's kind is only a guess: "aku diancam dibunuh kalau lapor" is a threat
    if danger.rule is None and not (_HARM_CUE.search(folded) or _EMERGENCY.search(folded)):
        # the model alone, and no word of harm, fear or emergency: "saya dipaksa tanda tangan ..."
        return False
    if _weak(danger) and (
        (complaint in EVERYDAY and not _EMERGENCY.search(folded))
        or (danger.rule is None and _asks(folded, complaint))
    ):
        return False
    if danger.kind == "scam_country" and complaint == "job_fraud" and not _COERCED.search(folded):
        return False  # "ditipu lowongan ke kamboja, disuruh kirim uang": cheated at home, not held there
    if danger.kind == "death":  # a death long ago, or one being reported to bring the body home, is a report
        return _RECENT.search(folded) is not None
    if danger.kind == "scam_country" and _asks(folded):  # "visa turis ke kamboja itu legal?"
        return False
    return danger.kind in ("sos", "suicide") or _OVER.search(folded) is None


_GENERIC = re.compile(r"^\W*(?:(?:min|kak)\W+)?(?:pmi|tki|tkw|pekerja|buruh|orang|cpmi)\s+(?:yang|yg)\b")
"""A question about workers in general: "pmi yg meninggal di luar negeri dapat santunan berapa"."""


def _asks(folded: str, complaint: str | None = None) -> bool:
    """Asks rather than tells: a general question (nobody's own case), a hypothetical, or a question about
    whether something is true or legal. A question word beside a problem (``complaint``: the complaint rules'
    category, or a problem word) tells: "aku cuma boleh libur sebulan sekali" is not asking whether it may."""
    mine = _FIRST_PERSON.search(folded) is not None
    return bool(
        _JUST_ASKING.search(folded)
        or is_general_question(folded)
        or _HYPOTHETICAL.search(folded)
        or (_CONDITIONAL.search(folded) and not mine)
        or (_QUESTION_START.search(folded) and not (_PROBLEM_EVENT.search(folded) or (mine and complaint)))
        or (_QUESTION_START.search(folded) and (_ABOUT_RULES.search(folded) or _CONDITIONAL.search(folded)))
        or (_GENERIC.search(folded) and _QUESTION_WORD.search(folded) and not mine)
        or (_QUESTION_WORD.search(folded) and not (complaint or _PROBLEM.search(folded)))
        or (
            _PROSPECTIVE.search(folded)
            and _QUESTION_WORD.search(folded)
            and not _PROBLEM_EVENT.search(folded)
        )
        or (_ABOUT_RULES.search(folded) and _QUESTION_WORD.search(folded) and not mine)
    )


def read_intent(
    text: str,
    entities: Mapping[str, str],
    danger: Danger | None,
    category: str | None,
    relationship: str | None,
    complaint: str | None = None,
) -> str:
    """The intent of ``text``, given what was read from it (``category`` is :func:`nlu.category.
    detect_category`'s, None for general questions; ``complaint`` :func:`nlu.category.complaint_category`'s;
    ``relationship`` the writer's relation to a worker)."""
    folded = fold(text)
    if danger is not None and _weak(danger) and category is None and _asks_for_officer(folded):
        return "talk_to_officer"  # "operator tolong", "tolong hubungi saya di 0821..."
    if is_danger(danger, folded, complaint):
        return "danger"
    if "reference" in entities or "pin" in entities or _STATUS.search(folded):
        return "status_check"
    if (
        "nik" in entities
        and len(words(folded)) <= 12
        and complaint is None
        and not _REPORT_WISH.search(folded)
    ):
        return "status_check"  # a NIK to find a lost reference
    if _asks_for_officer(folded, category):
        return "talk_to_officer"
    if not words(folded) or _only_menu_words(folded):
        return "menu"
    reporting = bool(category or _REPORT_WISH.search(folded) or danger)
    if relationship is not None and (reporting or not _asks(folded, complaint)):
        return "report_family"
    if (reporting and not _asks(folded, complaint)) or (
        _REPORT_WISH.search(folded)
        and not is_general_question(folded)  # "camne nak lapor majikan ..." asks how
    ):
        return "report_self"
    if not _asks(folded, complaint) and (
        _PROBLEM_EVENT.search(folded) or (_FIRST_PERSON.search(folded) and _PROBLEM.search(folded))
    ):
        return "report_self"
    if (
        _FIRST_PERSON.search(folded)
        and not (_QUESTION_WORD.search(folded) or _YES_NO.search(folded) or _HELP.search(folded))
        and len(words(folded)) >= 4
    ):
        return "report_self"  # telling about oneself, asking nothing: "jam kerja aku lebih dari 18 jam tiap hari"
    return "question"
