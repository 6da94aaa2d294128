"""What an indicator's own words suggest for its polarity and aggregation, when its plan does not say.

A proposal, never a decision: the planner confirms or changes it before the plan is saved
(kinerja.planning.unsaid). The rules are data, tried in order, the first that matches wins; each
carries the reason shown beside the proposal ("kata 'angka putus sekolah'").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kinerja.domain.achievement import Aggregation, Polarity, Target


@dataclass(frozen=True)
class WordRule:
    """Words (a regular expression over the normalised name and satuan) and what they suggest."""

    words: str
    value: Polarity | Aggregation
    reason: str


@dataclass(frozen=True)
class Proposal:
    """A value proposed for a setting the plan does not say, and why."""

    value: Polarity | Aggregation
    reason: str


_DONE = r"(?<!belum )(?<!tidak )\b(di|ter)(tangani|tindaklanjuti|selesaikan|obati|sembuhkan|layani|rehabilitasi)\b"
_LOWER = "makin rendah makin baik"

# Lower is better for what harms: deaths, illness, cases, poverty, unemployment, drop-outs, complaints,
# waiting. A share of them handled, cured or reduced is again higher-is-better: those rules come first.
# A rule's reason follows the words it found in the name: "kata 'putus sekolah': makin rendah makin baik".
POLARITY_RULES: tuple[WordRule, ...] = (
    WordRule(
        r"\b(penurunan|berkurangnya|menurunnya|pengurangan)\b", Polarity.POSITIVE, "makin besar penurunannya makin baik"
    ),
    WordRule(_DONE, Polarity.POSITIVE, "bagian yang ditangani: makin tinggi makin baik"),
    WordRule(
        r"\b(mendapat|mendapatkan|memperoleh|sembuh|keberhasilan|cakupan)\b",
        Polarity.POSITIVE,
        "layanan yang diterima: makin tinggi makin baik",
    ),
    WordRule(r"\b(angka )?kematian\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\bprevalensi\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\b(angka )?kesakitan\b|\binsidens?i?\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\b(jumlah )?kasus\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\b(angka )?putus sekolah\b|\bbuta aksara\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\b(tingkat )?pengangguran\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\b(penduduk|keluarga|rumah tangga) miskin\b|\bkemiskinan\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\bgini\b|\bketimpangan\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\bkumuh\b|\btidak layak huni\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\b(jumlah )?(pengaduan|keluhan)\b", Polarity.NEGATIVE, _LOWER),
    WordRule(r"\b(kecelakaan|pelanggaran|temuan|tunggakan|kerugian)\b", Polarity.NEGATIVE, _LOWER),
    WordRule(
        r"\b(waktu (penyelesaian|tunggu|pelayanan|proses)|lama (waktu|penyelesaian|proses|pelayanan|hari))\b",
        Polarity.NEGATIVE,
        "makin singkat makin baik",
    ),
    WordRule(r"\b(waktu|lama)\b.*\b(hari|jam|menit)$", Polarity.NEGATIVE, "makin singkat makin baik"),
)
POLARITY_OTHERWISE = Proposal(Polarity.POSITIVE, "tidak ada kata indikator negatif")

_COUNTED = (
    r"ditetapkan|diintervensi|dibangun|dilatih|diterbitkan|disusun|dibina|difasilitasi|direhabilitasi|"
    r"diperbaiki|dilaksanakan|diselenggarakan|disalurkan|diberikan|diperiksa|diresmikan|didampingi|"
    r"disosialisasikan|dilayani|ditangani|diselesaikan|dikunjungi|diverifikasi|diterima|dihasilkan"
)
# Over a year a flow is summed (counts of things done, events), a level is its latest value; an
# average of a level is an average. Percentages, rates and indices are levels unless the plan says
# otherwise (a ratio of counts is the planner's call: it needs numerators and denominators).
# A group named w, where there is one, is the word shown in the reason.
AGGREGATION_RULES: tuple[WordRule, ...] = (
    WordRule(r"\byang (belum|tidak|masih)\b", Aggregation.LAST, "yang tersisa: posisi akhir"),
    WordRule(r"^(rata rata|rerata)\b", Aggregation.AVG, "rata-rata"),
    WordRule(
        r"\b(persentase|proporsi|rasio|indeks|angka|tingkat|nilai|prevalensi|cakupan)\b|%",
        Aggregation.LAST,
        "angka, persentase, rasio atau indeks: posisi akhir",
    ),
    WordRule(
        rf"^jumlah\b.*\b(?P<w>{_COUNTED})\b", Aggregation.SUM, "jumlah yang dikerjakan sepanjang tahun: kumulatif"
    ),
    WordRule(
        r"^jumlah (kasus|kematian|kelahiran|pengaduan|kejadian|kunjungan|peserta|dokumen|laporan|kegiatan|pelatihan)\b",
        Aggregation.SUM,
        "kejadian atau keluaran sepanjang tahun: kumulatif",
    ),
)
AGGREGATION_OTHERWISE = Proposal(Aggregation.LAST, "tidak ada kata jumlah yang dikerjakan: posisi akhir")


def _words(text: str) -> str:
    """'Angka Putus Sekolah (APS) SD' → 'angka putus sekolah aps sd', as headings are compared."""
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", text.lower()).split())


def _propose(rules: Sequence[WordRule], otherwise: Proposal, name: str, measure_unit: str = "") -> Proposal:
    text = _words(f"{name} {measure_unit}")
    for rule in rules:
        found = re.search(rule.words, text)
        if found:
            word = found.groupdict().get("w") or found.group(0)
            return Proposal(rule.value, f"kata '{word.strip()}': {rule.reason}")
    return otherwise


def propose_polarity(name: str, measure_unit: str = "") -> Proposal:
    """Negative for what harms (kematian, prevalensi, kasus, kemiskinan, pengangguran, putus sekolah,
    pengaduan, waktu penyelesaian), unless a share of it handled or reduced; otherwise positive."""
    return _propose(POLARITY_RULES, POLARITY_OTHERWISE, name, measure_unit)


def propose_aggregation(
    name: str, measure_unit: str = "", target: Target | None = None, quarters: Sequence[Target | None] = ()
) -> Proposal:
    """From the Rencana Aksi when its quarters tell (TW I–IV summing to the PK target: cumulative;
    TW IV equal to it: the latest value), else from the words: counts of things done over the year
    are cumulative, percentages, rates and indices the latest value, averages an average."""
    told = _from_quarters(target, quarters)
    return told or _propose(AGGREGATION_RULES, AGGREGATION_OTHERWISE, name, measure_unit)


def _from_quarters(target: Target | None, quarters: Sequence[Target | None]) -> Proposal | None:
    if target is None or target.is_range or len(quarters) != 4 or any(q is None or q.is_range for q in quarters):
        return None
    values = [q.low for q in quarters]  # type: ignore[union-attr]
    sums, lasts = Target(sum(values)).approx_equals(target), Target(values[-1]).approx_equals(target)
    if sums and not lasts:
        return Proposal(Aggregation.SUM, "TW I–IV berjumlah target PK")
    if lasts and not sums and len(set(values)) > 1:
        return Proposal(Aggregation.LAST, "TW IV sama dengan target PK")
    return None
