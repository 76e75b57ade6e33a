"""The complaint category of a message about the writer's (or their family's) own situation.

Rules over :func:`nlu.text.fold`-ed text, in priority order; a danger kind names its category first (see
``CATEGORY_OF_DANGER``). General questions ("berapa lama gaji boleh telat dibayar?") have no category: they
go to the FAQ.
"""

from __future__ import annotations

import re

from nlu.danger_rules import match_rules
from nlu.kinds import CATEGORY_OF_DANGER
from nlu.patterns import HOLDER, ME, any_of
from nlu.patterns import NEG as _NEG
from nlu.text import fold

NEG = rf"(?:{_NEG}|durung|dereng|urung|mboten)"
"""With the Javanese "not yet"; the danger rules keep their own word class (their verdicts are features of the
learned model)."""
_SALARY = r"(?:gaji|gajih|gajian|upah|bayaran|salary|wages?|duit|uang|pesangon|lembur|uang\s+lembur)(?:nya|ne|e|ku)?"
_PAY = r"(?:di)?(?:bayar|bayarkan|kasih|kasi|kirim|berikan|transfer|tf|cair|terima|keluar|hitung|masuk)"
_LATE = r"(?:ditahan|nunggak|telat|terlambat|tertunda|ditunda|nyangkut|dipending)"
_SOCIAL_SECURITY = r"(?:bpjs|jkk|jkm|jht|asuransi|jaminan\s+sosial|klaim|santunan)\w*"

_PASSPORT = (
    r"(?:paspor|pasport|passport|paspot|pasprt|pspr|dokumen|ktp|arc|iqamah|iqama|ijazah)(?:nya|ku|e|ne)?"
)
"""With the Javanese possessives ("paspore dicekel majikan"); the danger rules keep their own word class."""

CATEGORY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern))
    for category, pattern in (
        (
            "trafficking",
            r"\b(?:dipaksa|disuruh|dijadikan)\s+(?:\S+\s+)?(?:melayani\s+tamu|jadi\s+psk|jual\s+diri|jadi\s+pelacur)\b"
            r"|\bforced\s+to\s+(?:scam|work\s+without)\b",
        ),
        (
            "sexual_violence",
            any_of(
                r"\b(?:megang|pegang|grepe|raba|meraba|colek|nyolek)(?:2|in|-\w+)?\s+(?:aku|saya|sy|badan|tubuh|dada"
                r"|paha|pantat)\b",
                r"\bsuka\s+(?:megang|pegang|grepe|raba|meraba|colek|nyolek)\w*\b",
                r"\b(?:maksa|memaksa|dipaksa|paksa)\s+(?:\S+\s+){0,3}?(?:tidur|berhubungan|begituan|cium)\b",
                r"\b(?:dilecehkan|dilecehin|pelecehan|melecehkan|diperkosa|perkosa|dicabuli|harass\w*)\b",
            ),
        ),
        (
            "violence",
            any_of(
                r"\b(?:nyekik|mencekik|dicekik|dipukul\w*|mukul\w*|dihajar|ditampar|nampar|disiksa|dianiaya|ditendang"
                r"|nendang|digebuki?|beaten|hitting|hits?\s+me)\b",
                r"\b(?:ngancam|ngancem|mengancam|diancam)\s+(?:\S+\s+){0,2}?(?:di)?(?:bunuh|mukul|pukul|bacok)\w*\b",
                r"\b(?:mau|akan|hampir)\s+dibunuh\b|\bbunuh\s+(?:aku|saya|sy|me)\b",
            ),
        ),
        (
            "job_fraud",
            any_of(
                r"\b(?:penipuan|penipu|ditipu|tertipu|ketipu|kena\s+tipu|kena\s+scam|dibohongi|dibohongin)\b",
                r"\b(?:bodong|abal\S*|palsu|fiktif|scam\w*|fraud|cheated|fake|nipu|menipu|nipu\w+|diblokir|diblock|diblok)\b",
                r"\b(?:disappeared|vanished|ran\s+away\s+with|blocked\s+me)\b",
                r"\b(?:lowongan|loker|kerjaan|pekerjaan|job|visa)\w*\s+(?:\S+\s+)?(?:bohong|boong|tipuan|ga\s+ada|gak\s+ada"
                r"|tidak\s+ada)\b",
                r"\b(?:bawa|membawa|dibawa|bw)\s+(?:kabur|lari|pergi)\s+(?:uang|duit)\w*\b",
                r"\b(?:ngaku|mengaku|ngakunya)\s+(?:\S+\s+){0,2}?(?:agen|agency|sponsor|pt|petugas|bp2mi|bnp2tki|kbri|kjri"
                r"|disnaker|pemerintah|polisi|pegawai)\b",
                r"\b(?:uang|duit)\w*(?:\s+\S+){0,3}?\s+(?:dibawa\s+(?:kabur|lari|pergi)|raib|dilarikan)\b",
                r"\b(?:calo|sponsor)\w*\b.*\b(?:uang|duit)\w*(?:\s+\S+){0,2}?\s+(?:hilang|ilang|lenyap)\b",
                r"\b(?:transfer|tf|setor|kirim|bayar)\w*\b.*\b(?:orang|org|orng|agen|calo|sponsor)(?:nya|ne)?\s+"
                r"(?:\S+\s+)?(?:hilang|ilang|menghilang|kabur|lenyap|ngilang)\b",
                rf"\b(?:transfer|tf|setor|kirim|bayar)\w*\b.*\bvisa(?:nya|ne)?\s+(?:\S+\s+)?{NEG}\s+(?:pernah\s+)?"
                r"(?:keluar|jadi|ada)\b",
            ),
        ),
        (
            "document_retention",
            any_of(
                rf"\b{_PASSPORT}(?:\s+\S+){{0,3}}?\s+(?:di)?(?:tahan|pegang|simpan|sita|ambil|kuasai|kekep|cekel)\w*\b",
                rf"\b(?:nahan|menahan|tahan|nyita|menyita|ngambil|mengambil|megang|memegang|nyimpen|menyimpan|ngekep|nyekel)\s+"
                rf"(?:\S+\s+)?{_PASSPORT}",
                r"\b(?:keeps?|kept|holds?|held|took|takes?|confiscated?)\s+(?:\S+\s+)?(?:passport|documents?)\b",
                rf"\b{_PASSPORT}\s+(?:\S+\s+)?(?:di\s+tangan|ada\s+di|masih\s+di|sama|ama)\s+(?:agen|agensi|majikan|pt|bos"
                r"|sponsor|calo|broker)\w*\b",
                rf"\b{NEG}\s+(?:mau\s+|gelem\s+|pernah\s+)?(?:balikin|kembalikan|mengembalikan|ngembaliin|ngembalikan|kasih"
                rf"|ngasih|nyerahin|menyerahkan|mbalekke|mbalikke|balekke)\s+(?:\S+\s+)?{_PASSPORT}",
                r"\b(?:passport|documents?)\s+(?:is\s+|are\s+|was\s+|were\s+)?(?:kept|held|taken|confiscated)\b",
            ),
        ),
        (
            "failed_departure",
            any_of(
                rf"\b(?:gagal|batal|{NEG}\s+jadi|{NEG}\s+juga)\s+(?:di)?berangkat(?:kan)?\b",
                rf"\b{NEG}\s+(?:juga\s+)?diberangkatkan\b",
                rf"\b{NEG}\s+(?:juga\s+|jadi\s+|pernah\s+)?(?:di)?berangkat(?:kan|2)?\b",
                r"\b(?:nunggu|menunggu|nungguin)\s+(?:\S+\s+)?(?:berangkat|keberangkatan|diberangkatkan|visa|jadwal)\b",
                r"\bgagal\s+terbang\b",
                rf"\b(?:diberangkatkan|berangkat|terbang)\b.*\b(?:sampai|sampe|smp)\s+(?:sekarang|skrg|saat\s+ini)\s+{NEG}\b",
                rf"\b(?:{NEG}|ora)\s+(?:juga\s+)?(?:budhal|budal|mangkat|terbang)\b",
                r"\bkatanya\s+(?:\S+\s+)?(?:berangkat|terbang)\s+(?:\S+\s+)?(?:depan|lagi)\b",
                rf"\bvisa(?:nya|ku|ne)?\s+(?:\S+\s+)?{NEG}\s+(?:juga\s+)?(?:keluar|jadi|terbit)\w*",
                r"\b(?:didn'?t|never|failed\s+to)\s+(?:depart|leave)\b",
            ),
        ),
        (  # before "minta uang": the price of going home ("mau pulang tapi agen minta ganti rugi")
            "repatriation",
            r"\bpulang\w*\b.*\b(?:denda|ganti\s+rugi|penalty|penalti|kompensasi)\b",
        ),
        (
            "overcharging",
            any_of(
                r"\b(?:potongan|dipotong|potong\s+gaji|overcharg\w*|pungli|pungutan|kelebihan\s+biaya|uang\s+pelicin)\b",
                r"\bcharg(?:es|ed|ing)\b",
                r"\b(?:motong|memotong|motongin)\s+(?:\S+\s+)?(?:gaji|upah|uang)\w*\b",
                r"\bplacement\s+fee\b",
                r"\bbiaya(?:nya)?\s+(?:\S+\s+){0,5}?(?:lebih\s+)?(?:mahal|besar|tinggi|berlebih|melebihi)\b",
                r"\b(?:kepotong|terpotong|dipotongin)\b",
                r"\b(?:disuruh|diminta|dimintai|dipaksa|suruh)\s+(?:bayar|membayar|nambah|tambah|setor)\b",
                r"\bditagih\b|\bpadahal\s+(?:\S+\s+)?(?:gratis|free)\b",
                r"\bbayar\s+(?:lagi|tambahan)\b",
                r"\b(?:minta|mintak|meminta|narik|menarik|tarik)\s+(?:uang|duit|biaya|bayaran|tambahan|dp)\b",
                r"\b(?:ditarik|ditarikin|dikenakan|dikenai|dibebani)\s+(?:biaya|uang|iuran|fee)\b",
                r"\b(?:disuruh|diminta|wajib)\s+(?:nyicil|cicil|mencicil|nyetor)\b|\butang\s+biaya\b",
                r"\b(?:cut|cuts|cutting|deduct|deducts|deducting|deducted)\s+(?:\S+\s+){0,3}?(?:salary|wage|wages|pay)\b",
                r"\b(?:extra|additional|illegal)\s+(?:fee|fees|charge|charges)\b",
            ),
        ),
        (
            "unpaid_wages",
            any_of(
                rf"\b{_SALARY}(?:\s+\S+){{0,7}}?\s+(?:{NEG}\s+(?:pernah\s+|juga\s+)?{_PAY}|{_LATE})\b",
                r"\b(?:not|never|haven'?t|hasn'?t)\s+(?:\S+\s+)?(?:given|paid|sent|transferred)\s+(?:\S+\s+)?(?:salary|wages?"
                r"|pay)\b",
                rf"\b{NEG}\s+(?:pernah\s+)?digaji\b",
                rf"\b{HOLDER}(?:\s+\S+){{0,2}}?\s+{NEG}\s+(?:mau\s+)?(?:bayar|kasih|ngasih|membayar)"
                rf"(?:\s+\S+){{0,2}}?\s+{_SALARY}",
                r"\b(?:not|never|haven'?t|hasn'?t|wasn'?t|weren'?t)\s+(?:been\s+|yet\s+been\s+)?paid\b",
                r"\bunpaid\b",
                r"\b(?:delay\w*|late)\s+(?:\S+\s+)?(?:salary|wages?|pay)\b",
                r"\b(?:not|never|haven'?t|hasn'?t|didn'?t)\s+(?:\S+\s+)?(?:received?|got|gotten)\s+(?:\S+\s+)?(?:salary|wages?"
                r"|pay)\b",
                rf"\b(?:biar|supaya|agar)\s+{_SALARY}\s+(?:di)?bayar\b",
                rf"\b{NEG}\s+(?:mau\s+|mahu\s+|nak\s+|gelem\s+)?(?:bayar|membayar|kasih|ngasih|kasi|bayarin|transfer|tf|kirim"
                r"|ngirim|bagi)\s+(?:\S+\s+)?"
                rf"{_SALARY}\b",
                r"\b(?:cuma|hanya|cuman|baru)\s+dibayar\b|\bdibayar\s+(?:setengah|sebagian|separuh)\b",
                rf"\b(?:cuma|hanya|cuman)\s+(?:mau\s+)?(?:bayar|ngasih|kasih)\s+(?:setengah|sebagian|separuh)\s+{_SALARY}",
                rf"\b{NEG}\s+(?:pernah\s+)?(?:dapat|dapet|dpt|terima|menerima|nerima)\s+(?:\S+\s+)?{_SALARY}\b",
                rf"\b(?:telat|terlambat|nunggak)\s+(?:bayar|membayar|kasih|ngasih|transfer)\s+(?:\S+\s+)?{_SALARY}\b",
                r"\b(?:tak|tidak|ga|gak|belum|blm|takde|tiada)\s+(?:ada\s+|punya\s+)?(?:duit|uang|wang)\w*\s+(?:\S+\s+)?"
                rf"(?:bayar|membayar|{_SALARY})\b",
                r"\bno\s+(?:salary|pay|wages?)\b",
                r"\b(?:refuse[sd]?|refusing)\s+to\s+pay\b",
                r"\b(?:only|just)\s+(?:pays?|paid|gives?|gave)\s+(?:\S+\s+)?(?:half|part)\b",
            ),
        ),
        (  # before "ingin pulang" and "tanpa gaji": "hamil, majikan mau pulangkan saya tanpa gaji"
            "illness",
            r"\bsakit\s+(?:parah|keras|berat|kanker|jantung|stroke)\b|\b(?:hamil|keguguran|kanker|tbc|stroke)\b",
        ),
        (
            "repatriation",
            any_of(
                r"\b(?:mau|ingin|pengen|pengin|pingin|kepingin|pgn|pngn|mo|minta|harap)\s+(?:\S+\s+)?"
                r"(?:di)?pulang(?:kan|in)?\b",
                rf"\b{NEG}\s+(?:boleh|dikasih|diizinkan|diijinkan|dibolehin|dibolehkan|ngebolehin|ngizinin|ngijinin"
                r"|mengizinkan|oleh)\s+(?:\S+\s+)?(?:pulang|mulih)\b",
                r"\bmulih\b",
                r"\b(?:pulangkan|pulangin|pulangke|dipulangkan)\s+(?:saya|sy|aku|aq|kami)\b",
                r"\b(?:dilarang|dicegah|ditahan)\s+(?:untuk\s+)?(?:pulang|mulih)\b",
                r"\b(?:wants?|wanted|would\s+like)\s+to\s+(?:go|come|return)\s+(?:back\s+)?(?:home|to\s+indonesia)\b"
                r"|\bsend\s+me\s+home\b",
                rf"\b{NEG}\s+(?:juga\s+)?(?:di)?pulang(?:kan|ke|in)\b|\bmulangke\b",
            ),
        ),
        (
            "lost_contact",
            any_of(
                rf"\b(?:{NEG}|susah|sulit|gabisa|gbs)\s+(?:(?:bisa|bs|dapat|dpt|iso|isa|boleh|pernah|saged)\s+)?(?:di|meng?)?"
                r"(?:hubungi|hubungin|kontak|telepon|telpon|telp|nelpon|ngabarin|kabari|kabarin|ono\s+kabar\w*"
                r"|ada\s+kabar\w*|kasih\s+kabar|ngasih\s+kabar|memberi\s+kabar)\b",
                r"\b(?:hilang|ilang|putus|kehilangan)\s+(?:kontak|kabar|jejak|komunikasi)\b",
                rf"\b(?:hp|hape|nomor|nomer|no|wa)(?:nya|ne)?\s+(?:\S+\s+)?{NEG}\s+(?:pernah\s+)?aktif\b",
                r"\b(?:hp|hape|henpon|nomor|nomer|wa)(?:nya|ne)?\s+(?:\S+\s+)?mati\b",
                r"\btanpa\s+kabar\b",
                rf"\bnomor(?:nya)?\s+(?:\S+\s+)?{NEG}\s+aktif\b",
                r"\blost\s+contact\b",
                r"\b(?:does\s+not|doesn'?t|do\s+not|don'?t|never)\s+(?:answer|reply|respond|pick\s+up)\b",
                r"\b(?:can'?t|cannot)\s+(?:contact|reach)\b",
            ),
        ),
        (
            "social_security",
            any_of(
                rf"\b{_SOCIAL_SECURITY}(?:\s+\S+){{0,4}}?\s+(?:ditolak|dipersulit|susah|sulit|lama|nonaktif|hangus"
                rf"|{NEG}\s+(?:mau\s+|bisa\s+)?(?:cair|keluar|aktif|terdaftar|dibayar|bayar|diklaim|klaim|nanggung|diproses"
                r"|menanggung|ganti))\b",
                rf"\b{NEG}\s+(?:di)?daftar(?:kan|in)?\s+(?:\S+\s+)?(?:bpjs|asuransi)\b",
                r"\b(?:insurance|bpjs|claim)\b(?:\s+\S+){0,4}?\s+(?:has\s+not|hasn'?t|not|never|was\s+rejected|rejected"
                r"|denied|refused)\b",
            ),
        ),
        (
            "illness",
            any_of(
                r"\bsakit\b(?!\s+hati)",  # "sakit hati" is resentment
                r"\b(?:dirawat|opname|rawat\s+inap|kecelakaan|celaka|patah\s+tulang|luka|lumpuh|operasi)\b",
                r"\b(?:tangan|kaki|tulang|jari|punggung|pinggang)\w*\s+(?:\S+\s+)?(?:patah|retak|terkilir|keseleo)\b",
                r"\b(?:depresi|stres|stress|gangguan\s+jiwa|hamil|keguguran|kanker|tbc|pusing|mimisan|demam|batuk|melahirkan"
                r"|lahiran|nifas|lara)\b",
                rf"\b{NEG}\s+(?:boleh|dibolehin|diizinkan|diijinkan|dibawa|diantar|dikasih\s+izin)\s+(?:\S+\s+)?ke\s+"
                r"(?:dokter|rs|rumah\s+sakit|klinik)\b",
                r"\b(?:sick|ill|hospitali[sz]ed|injured|injury|accident|pregnant|depressed)\b",
            ),
        ),
        (
            "unpaid_wages",
            r"\btanpa\s+(?:gaji|upah|pesangon|bayaran)\b",
        ),  # after illness: "hamil, dipulangkan tanpa gaji"
        (
            "contract_violation",
            any_of(
                rf"\b(?:{NEG}|beda|berbeda)\s+(?:sesuai\s+|sama\s+|dengan\s+|dgn\s+)*"
                r"(?:kontrak|perjanjian|pk|job|jobdesk|job\s+desk|pekerjaan)\b",
                r"\btidak\s+sesuai\b",
                rf"\b{NEG}\s+(?:pernah\s+)?(?:dapat|dapet|dpt|dikasih|diberi|ada)\s+(?:hari\s+)?libur\b",
                r"\bkerja\s+(?:1[4-9]|2[0-4])\s+jam\b",
                r"\bjam\s+\d{1,2}\s+(?:pagi|subuh)\s+(?:sampai|sampe|smp|ampe|hingga|until|to)\s+jam\s+\d{1,2}\s+malam\b",
                r"\bkerja\s+(?:di\s+)?(?:[2-9]|dua|tiga|banyak)\s+rumah\b",
                r"\b(?:no\s+day\s+off|not\s+as\s+(?:in|per)\s+(?:the\s+)?contract)\b",
                r"\b(?:cuma|hanya|cuman)\s+(?:boleh\s+|dapat\s+|dapet\s+|dikasih\s+)?libur\b",
                r"\btanpa\s+(?:hari\s+)?(?:libur|istirahat|cuti)\b|\b7\s+hari\s+(?:seminggu|dalam\s+seminggu)\b"
                r"|\bno\s+(?:rest|days?\s+off)\b|\b(?:1[4-9]|2[0-4])\s+hours?\b",
                r"\bkontrak\w*\s+(?:\S+\s+)?(?:dihentikan|diputus|diakhiri|dibatalkan|distop)\b",
                r"\b(?:gaji|upah|salary)\w*\s+(?:\S+\s+)?(?:lebih\s+(?:kecil|rendah|sedikit)|dikurangi|diturunkan|diturunin)\b",
                r"\b(?:lebih\s+dari|lbh\s+dari|lbh\s+dr|more\s+than|over)\s+(?:1[2-9]|2[0-4])\s+(?:jam|hours)\b",
                r"\b(?:padahal|tapi|tp|tpi)\s+(?:di\s+)?(?:kontrak|perjanjian)(?:nya|ne)?\b",
                r"\b(?:di\s+)?(?:kontrak|perjanjian)(?:nya|ne)?\s+(?:\S+\s+){0,4}?(?:tapi|tp|tpi|padahal)\s+(?:\S+\s+)?"
                r"(?:disuruh|dipaksa|suruh|kerja)\b",
                rf"\b{NEG}\s+(?:pernah\s+)?(?:kasih|ngasih|oleh|entuk|dapat)\s+(?:\S+\s+)?(?:hari\s+)?libur\b",
                r"\bkerja\s+(?:\S+\s+)?di\s+(?:rumah|toko|restoran|warung)\s+(?:\S+\s+)?(?:adik|anak|saudara|keluarga|kakak"
                r"|orang\s*tua|ibu|mertua|teman)\w*\s+majikan\b",
                r"\b(?:dipaksa|disuruh|dipaksa\s+untuk)\s+(?:\S+\s+)?(?:tanda\s*tangan|ttd|resign|mengundurkan\s+diri)\b"
                r"|\bpengunduran\s+diri\b",
                rf"\b{NEG}\s+(?:di)?(?:kasih|kasi|beri)\s+makan\b",
                r"\b(?:dipecat|diberhentikan|di\s*phk|diphk|kena\s+phk|putus\s+kontrak|diputus\s+kontrak"
                r"|diputus\s+sepihak|terminated|fired)\b",
            ),
        ),
        (
            "other",
            r"\b(?:dideportasi|deportasi|deported|overstay|ditahan\s+imigrasi|tahanan\s+imigrasi|razia|ketangkep|ketangkap"
            r"|dipenjara|penjara|jail\w*|prison"
            r"|depot\s+imigres\w*|imigresen"
            r"|(?:ditangkap|ditangkep|dicekal)\s+(?:imigrasi|polisi)|ditahan\s+polisi|(?:visa|permit|arc|izin\s+tinggal|iqama)"
            r"(?:nya|ku|e|ne)?(?:\s+\S+){0,2}?\s+(?:tamat|luput)|(?:visa|permit|arc|izin\s+tinggal|iqama)(?:nya|ku|e|ne)?"
            r"(?:\s+\S+){0,2}?\s+(?:habis|mati|expired|mau\s+habis))\b",
        ),
        (
            "other",
            r"\b(?:lapor|melapor|laporan|mengadu|pengaduan|aduan|adukan|komplain|complain|complaint|report)\b",
        ),
    )
)
"""In priority order: the first matching rule names the category."""

_GREETING = r"(?:min|kak|pak|bu|mas|mbak|mba|halo|hallo|hai|hi|assalamualaikum|permisi|maaf)"
_ASKING_FRAME = re.compile(
    rf"^\W*(?:(?:{_GREETING}|{ME})\W+)*(?:mau|ingin|pengen|mo|boleh|numpang)?\s*(?:tanya|nanya|bertanya)\b\W*"
)
_QUESTION_OPENER = re.compile(
    rf"^\W*(?:{_GREETING}\W+)*"
    + any_of(
        r"berapa", r"brp", r"bagaimana", r"bgmn", r"bagaimanakah", r"gimana", r"gmn", r"gmna", r"apa",
        r"apakah",
        r"kapan", r"dimana", r"di\s+mana", r"dmn", r"kemana", r"ke\s+mana", r"siapa", r"mengapa", r"kenapa",
        r"knp", r"syarat", r"cara", r"prosedur", r"info", r"informasi", r"bisakah", r"bolehkah", r"boleh",
        r"camne", r"macam\s+mana", r"piye", r"pripun", r"kumaha",
        r"bisa", r"kalau", r"kalo", r"klo", r"jika", r"apabila", r"bila", r"seandainya", r"misal",
        r"misalnya",
        r"how", r"what", r"where", r"when", r"can", r"is", r"are", r"do", r"does",
    )
    + r"\b"
)  # fmt: skip
_REFERENT = re.compile(
    rf"\b(?:{ME}|ku|my|our|i|we"
    r"|(?:suami|istri|isteri|anak|adik|adek|ortu|orangtua|keluarga|ponakan|keponakan|saudara|sodara|mertua)"
    r"(?:nya|ku)?)\b"
)


def is_general_question(folded: str) -> bool:
    """A general question asks about rules, not about the writer's own case: it opens with an asking frame
    ("mau tanya ...") or a question or conditional word ("berapa", "gmn", "kalau") and mentions nobody's case
    (no "saya", "anak saya", "my"). "Gaji saya belum dibayar, gimana?" is a complaint; "berapa lama gaji
    boleh telat dibayar?" and "mau tanya kalau gaji tidak dibayar lapor ke mana" are questions for the FAQ.
    """
    frame = _ASKING_FRAME.match(folded)
    rest = folded[frame.end() :] if frame else folded
    if frame is None and _QUESTION_OPENER.match(folded) is None:
        return False
    return _REFERENT.search(rest) is None


def detect_category(text: str) -> str | None:
    """The complaint category of a message about the writer's (or their family's) own situation, or None for
    general questions and anything that matches no rule (those go to the FAQ). Danger words name the category
    first, urgent or not ("dulu pernah dipukul majikan" is about violence).
    """
    return read_categories(text)[0]


def complaint_category(text: str) -> str | None:
    """The category the complaint rules alone name, without the danger rules and without the last resort
    ("lapor" names no problem): what an everyday complaint is about when a danger reading beside it is only
    a bare cry for help or the model's guess ("tolong bantu saya, majikan ga mau bayar gaji")."""
    return read_categories(text)[1]


def read_categories(text: str) -> tuple[str | None, str | None]:
    """:func:`detect_category` and :func:`complaint_category` in one reading of the rules (the understanding
    reader needs both for every message)."""
    folded = fold(text)
    if not folded or is_general_question(folded):
        return None, None
    complaint = next((category for category, pattern in CATEGORY_RULES[:-1] if pattern.search(folded)), None)
    hit = match_rules(text)
    if hit is not None and hit.kind in CATEGORY_OF_DANGER:
        return CATEGORY_OF_DANGER[hit.kind], complaint
    if complaint is None and CATEGORY_RULES[-1][1].search(folded):
        return CATEGORY_RULES[-1][0], None
    return complaint, complaint
