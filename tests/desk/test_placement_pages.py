"""Preventing illegal placement in the console: the agency register, read by every officer and searched the way
the bot reads typed names; alerts, written, previewed, sent and followed by supervisors."""

from __future__ import annotations

from click.testing import CliRunner

from app.cli import cli
from bot.placement_cli import DEMO_FILE
from tests.desk.conftest import add_officer, csrf_of
from tests.support import Chat
from tests.test_alerts import WARNING, alert_messages


def test_officers_read_the_register_and_find_an_agency_by_a_typed_name(console) -> None:
    assert CliRunner().invoke(cli, ["agencies", "import", str(DEMO_FILE)]).exit_code == 0
    add_officer("budi")
    view = console("budi")
    page = view.get("/console/agencies")
    assert page.status_code == 200
    assert "PT Cahaya Lintas Samudera" in page.text and "Izin dicabut" in page.text
    found = view.get("/console/agencies", params={"q": "pt. SJA"})
    assert "PT Sukses Jaya Abadi" in found.text
    assert "PT Bumi Mentari Sejahtera" not in found.text
    assert "Berizin (terdaftar di register P3MI)" in found.text
    assert "Tidak ada agensi yang cocok" in view.get("/console/agencies", params={"q": "PT Entah Apa"}).text


def test_a_supervisor_previews_sends_and_follows_an_alert_in_the_console(console) -> None:
    chat = Chat(user="rina")
    chat.consent()
    chat.send("berlangganan kamboja")
    add_officer("sari", role="supervisor")
    view = console("sari")
    page = view.get("/console/alerts")
    assert page.status_code == 200
    preview = view.client.post(
        "/console/alerts/preview",
        data={"csrf": csrf_of(page.text), "country": "KH", "language": "id", "text": WARNING},
    )
    assert "Akan dikirim ke 1 pelanggan." in preview.text
    sent = view.client.post(
        "/console/alerts",
        data={"csrf": csrf_of(preview.text), "country": "KH", "language": "id", "text": WARNING},
        follow_redirects=True,
    )
    assert "menunggu dikirim: 1" in sent.text
    assert alert_messages() == [("rina", "pending")]
    add_officer("budi")
    assert console("budi").get("/console/alerts").status_code == 403
