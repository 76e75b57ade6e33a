import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.category import detect_category
from nlu.danger import read_danger
from nlu.danger_rules import RuleHit, match_rules
from nlu.kinds import CATEGORIES, DANGER_KINDS
from nlu.language import looks_english

DANGER_SIGNALS = [
    # violence, with detached prefixes and typos
    ("saya disiksa majikan", "violence"),
    ("d siksa tiap hari", "violence"),
    ("d1s1ksa", "violence"),
    ("sy di pukul majikan", "violence"),
    ("dipukulin terus sama nenek", "violence"),
    ("majikan suka mukul saya", "violence"),
    ("ditampar dan ditendang", "violence"),
    ("tangan saya disetrika", "violence"),
    ("saya disiram air panas", "violence"),
    ("dianiaya anak majikan", "violence"),
    ("beaten by my employer", "violence"),
    # confinement
    ("saya dikurung di kamar", "confinement"),
    ("dikunci di kamar mandi", "confinement"),
    ("disekap agen", "confinement"),
    ("dilarang keluar rumah", "confinement"),
    ("gak boleh keluar sama sekali", "confinement"),
    ("hp diambil majikan", "confinement"),
    ("hp saya disita", "confinement"),
    ("they locked me in the house", "confinement"),
    # sexual violence
    ("saya diperkosa", "sexual_violence"),
    ("dilecehkan anak majikan", "sexual_violence"),
    ("ada pelecehan dari bos", "sexual_violence"),
    ("dicabuli", "sexual_violence"),
    ("diraba raba kakek", "sexual_violence"),
    ("i was raped", "sexual_violence"),
    # trafficking
    ("saya dijual ke agen lain", "trafficking"),
    ("ini kasus tppo", "trafficking"),
    ("perdagangan orang", "trafficking"),
    # suicide comes before everything else
    ("saya pengen mati aja", "suicide"),
    ("pgn mati", "suicide"),
    ("mending mati daripada disiksa", "suicide"),
    ("mau bunuh diri", "suicide"),
    ("bundir aja lah", "suicide"),
    ("i want to kill myself", "suicide"),
    # death
    ("suami saya meninggal di taiwan", "death"),
    ("suami saya meninggal di taiwan, gimana klaim bpjs nya", "death"),
    ("anak saya mati di malaysia", "death"),
    ("adik saya tewas kecelakaan", "death"),
    ("my husband died in saudi", "death"),
    # a cry for help
    ("tolong saya", "sos"),
    ("tolong saya pak!", "sos"),
    ("tolong!!", "sos"),
    ("tolongin", "sos"),
    ("toloong", "sos"),
    ("tolooooong", "sos"),
    ("sos", "sos"),
    ("help me", "sos"),
    ("please help me!", "sos"),
    # passports held
    ("paspor ditahan majikan", "document_retention"),
    ("paspor saya dipegang agen", "document_retention"),
    ("pasport disita", "document_retention"),
    ("majikan pegang paspor saya", "document_retention"),
    ("agen nahan paspor", "document_retention"),
    ("my employer took my passport", "document_retention"),
    # scam compounds
    ("saya ditawari kerja di kamboja gaji besar", "scam_country"),
    ("adik saya dikirim ke myanmar", "scam_country"),
    ("dipaksa kerja scam", "scam_country"),
]


@pytest.mark.parametrize(("text", "kind"), DANGER_SIGNALS)
def test_danger_signals(text: str, kind: str) -> None:
    found = match_rules(text)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("text", [text for text, _kind in DANGER_SIGNALS])
def test_the_shipped_reader_escalates_what_the_rules_find(text: str) -> None:
    """The model may overrule a rule on jokes; never on these plain reports."""
    found = read_danger(text, use_model=True)
    assert found is not None and found.kind == match_rules(text).kind


def test_danger_reports_what_matched() -> None:
    assert match_rules("Sy di pukul majikan") == RuleHit("violence", "di pukul")
    found = read_danger("Sy di pukul majikan", use_model=True)
    assert (
        found is not None
        and found.rule == "di pukul"
        and re.fullmatch(r'rule "di pukul", model [01]\.\d\d', found.reason) is not None
    )


@pytest.mark.parametrize(
    "text",
    [
        "tolong info biaya",
        "mohon bantuannya",
        "tolong saya mau tanya soal gaji",
        "tolong bantu cek status laporan",
        "tolooong info dong",
        "mati listrik dari pagi",
        "hp saya mati",
        "hp saya mau mati, nanti saya chat lagi",
        "paspor saya sudah mati",
        "pukul 10 saya ke kantor",
        "janji ketemu di pukul 9",
        "bagaimana klaim kematian BPJS",
        "santunan kematian berapa?",
        "kalau pmi meninggal dapat santunan berapa?",
        "majikan tidak pernah memukul saya",
        "baju sudah disetrika",
        "paspor sudah bisa diambil?",
        "bunga kamboja",
        "can you help me with my salary",
        "halo min",
        "berapa gaji minimum di taiwan?",
        "kabur dari majikan",  # needs a human check, but it is not one of the danger kinds
        "",
    ],
)
def test_everyday_help_desk_messages_are_not_danger(text: str) -> None:
    assert match_rules(text) is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("gaji saya blm dibayar 3 bulan", "unpaid_wages"),
        ("min, gaji saya belum dibayar, gimana ya?", "unpaid_wages"),
        ("gaji blm dibayar 3 bulan gmn ya", "unpaid_wages"),
        ("majikan gak mau bayar gaji saya", "unpaid_wages"),
        ("my salary has not been paid for 3 months", "unpaid_wages"),
        ("sy mau pulang tp majikan gk ngasih", "repatriation"),
        ("saya ingin dipulangkan", "repatriation"),
        ("udah bayar 30jt ke PT tp gak jadi berangkat", "failed_departure"),
        ("sudah 8 bulan di PT belum juga diberangkatkan", "failed_departure"),
        ("disuruh bayar potongan gaji 7 bulan", "overcharging"),
        ("biayanya mahal sekali 50 juta", "overcharging"),
        ("saya ditipu calo", "job_fraud"),
        ("lowongan palsu, uang saya hilang", "job_fraud"),
        ("paspor dipegang agen", "document_retention"),
        ("saya dipukul majikan", "violence"),
        ("saya dikurung", "violence"),
        ("dilecehkan majikan", "sexual_violence"),
        ("adik saya dijual ke agen lain", "trafficking"),
        ("adik saya dikirim ke kamboja jadi scam", "trafficking"),
        ("kerja tidak sesuai kontrak", "contract_violation"),
        ("tidak dapat libur sama sekali", "contract_violation"),
        ("saya sakit dirawat di rumah sakit", "illness"),
        ("saya hamil", "illness"),
        ("suami saya meninggal di taiwan", "death"),
        ("anak saya gak bisa dihubungi 2 bulan", "lost_contact"),
        ("istri saya hilang kontak sejak lebaran", "lost_contact"),
        ("klaim bpjs saya ditolak", "social_security"),
        ("bpjs saya tidak aktif", "social_security"),
        ("saya mau lapor", "other"),
    ],
)
def test_complaints_get_a_category(text: str, category: str) -> None:
    assert detect_category(text) == category


@pytest.mark.parametrize(
    "text",
    [
        "berapa gaji minimum di taiwan?",
        "gmn cara klaim bpjs",
        "mau tanya kalau gaji tidak dibayar lapor kemana",
        "kalau sakit ditanggung bpjs?",
        "cara lapor ke bp2mi?",
        "apakah majikan boleh menahan paspor?",
        "saya mau tanya rumah sakit terdekat di taipei",
        "syarat jadi pmi ke korea apa saja",
        "halo min",
        "tolong saya",  # danger, but no category
        "saya sakit hati sama agen",
        "",
    ],
)
def test_general_questions_and_chatter_have_no_category(text: str) -> None:
    assert detect_category(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello i need help with my salary", True),
        ("how much is the fee", True),
        ("my employer took my passport", True),
        ("good morning madam", True),
        ("halo min", False),
        ("ok", False),
        ("hi", False),
        ("hi there", False),
        ("saya mau tanya", False),
        ("hello min saya mau tanya", False),
        ("gaji my employer belum dibayar", False),
        ("taiwan hongkong malaysia", False),
    ],
)
def test_looks_english(text: str, expected: bool) -> None:
    assert looks_english(text) is expected


@settings(max_examples=200)
@given(st.text(max_size=5000))
def test_triage_never_raises_and_answers_in_its_vocabulary(text: str) -> None:
    hit = match_rules(text)
    assert hit is None or (hit.kind in DANGER_KINDS and hit.matched)
    danger = read_danger(text, use_model=True)
    assert danger is None or (danger.kind in DANGER_KINDS and 0 <= (danger.score or 0) <= 1)
    assert detect_category(text) in {None, *CATEGORIES}
    assert looks_english(text) in {True, False}


@settings(max_examples=200)
@given(st.sampled_from(["saya disiksa majikan", "tolong saya", "paspor ditahan agen"]), st.text(max_size=200))
def test_danger_is_found_whatever_follows_a_new_line(report: str, noise: str) -> None:
    assert match_rules(f"{report}.\n{noise}") is not None
