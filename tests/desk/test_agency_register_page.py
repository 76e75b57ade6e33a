"""The agency register in the console: every officer reads it, searched the way the bot reads typed names; a
ticket whose agency is not in the register says so."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli import cli
from bot.placement_cli import DEMO_FILE
from tests.desk.conftest import add_officer


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
