"""Human names for the codes stored on tickets (category, status, relationship, who supplied the data, legal
basis), as msgids."""

from __future__ import annotations

from bot.forms import choices
from bot.i18n import N_

CATEGORY_LABELS: dict[str, str] = {
    "unpaid_wages": N_("Gaji tidak dibayar"),
    "repatriation": N_("Ingin dipulangkan"),
    "failed_departure": N_("Gagal berangkat"),
    "overcharging": N_("Biaya berlebihan / potongan gaji"),
    "job_fraud": N_("Penipuan lowongan kerja"),
    "violence": N_("Kekerasan dari majikan"),
    "sexual_violence": N_("Kekerasan seksual"),
    "trafficking": N_("Perdagangan orang (TPPO)"),
    "document_retention": N_("Dokumen/paspor ditahan"),
    "contract_violation": N_("Pekerjaan tidak sesuai kontrak"),
    "illness": N_("Sakit / depresi"),
    "death": N_("Meninggal dunia"),
    "lost_contact": N_("Hilang kontak"),
    "social_security": N_("BPJS / jaminan sosial"),
    "other": N_("Lainnya"),
}

STATUS_LABELS: dict[str, str] = {
    "new": N_("Baru, menunggu petugas"),
    "open": N_("Sedang ditangani petugas"),
    "waiting_on_reporter": N_("Menunggu jawaban Anda"),
    "resolved": N_("Selesai ditangani"),
    "closed": N_("Ditutup"),
}

SUPPLIED_BY_LABELS: dict[str, str] = {
    "self": N_("Pekerja sendiri"),
    "reporter": N_("Pelapor (keluarga)"),
}

DANGER_LABELS: dict[str, str] = {
    "suicide": N_("Ingin mengakhiri hidup / melukai diri"),
    "sexual_violence": N_("Kekerasan seksual"),
    "violence": N_("Kekerasan fisik"),
    "medical": N_("Darurat medis"),
    "confinement": N_("Dikurung / dilarang keluar"),
    "trafficking": N_("Perdagangan orang / kerja paksa"),
    "scam_country": N_("Negara sindikat penipuan daring"),
    "document_retention": N_("Dokumen ditahan"),
    "runaway": N_("Kabur, tanpa tempat aman"),
    "death": N_("Kematian"),
    "sos": N_("Minta tolong"),
}

AGENCY_REGISTER_LABELS: dict[str, str] = {
    "licensed": N_("Berizin (terdaftar di register P3MI)"),
    "expired": N_("Izin sudah habis masa berlakunya"),
    "suspended": N_("Izin dibekukan"),
    "revoked": N_("Izin dicabut"),
    "unsure": N_("Nama mirip beberapa agensi, perlu dicek"),
    "unknown": N_("Tidak ada di register: agensi tidak berizin?"),
}

LEGAL_BASIS_LABELS: dict[str, str] = {
    "consent": N_("Persetujuan pelapor"),
    "vital_interest": N_("Kepentingan vital (darurat, sebelum persetujuan)"),
    "public_service": N_("Layanan publik (menjawab pertanyaan, sebelum persetujuan)"),
}

RELATIONSHIP_CHOICES = choices(
    "relationship",
    ("spouse", N_("Suami/istri")),
    ("child", N_("Anak")),
    ("parent", N_("Orang tua")),
    ("sibling", N_("Saudara kandung")),
    ("other", N_("Lainnya")),
)

CATEGORY_CHOICES = choices("category", *CATEGORY_LABELS.items())

SAFE = choices("safe", ("yes", N_("Ya, saya aman")), ("no", N_("Tidak aman")))

RELATIONSHIP_LABELS: dict[str, str] = {
    "self": N_("diri sendiri"),
    **{choice.value: choice.label for choice in RELATIONSHIP_CHOICES},
}
