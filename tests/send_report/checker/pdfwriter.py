"""A tiny hand-written PDF writer for test fixtures: text pages, optional link annotations.

Raw PDF 1.4 syntax: a catalog, a page tree, one Helvetica font, a content stream per page
(BT ... Tj T* ... ET) and a cross-reference table with exact byte offsets.
"""

from __future__ import annotations

import textwrap
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
LINE_HEIGHT = 14
MAX_LINES = 54
WRAP = 95


@dataclass
class PdfPage:
    lines: list[str]
    uris: list[str] = field(default_factory=list)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _wrapped(lines: Sequence[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += textwrap.wrap(line, WRAP) or [""]
    if len(out) > MAX_LINES:
        raise ValueError(f"{len(out)} lines do not fit on one page (at most {MAX_LINES})")
    return out


def _content(lines: Sequence[str]) -> bytes:
    parts = [b"BT /F1 11 Tf %d TL 56 %d Td" % (LINE_HEIGHT, PAGE_HEIGHT - 56)]
    for line in _wrapped(lines):
        parts.append(b"(" + _escape(line) + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


def _stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + (b"\nendstream")
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


SCANNED_CONTENT = b"q 400 0 0 500 96 200 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x10\x80\x80\x10 EI Q"


def _annotation(uri: str, index: int) -> bytes:
    top = 60 + index * 20
    return (
        b"<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect [56 %d 300 %d] "
        b"/A << /S /URI /URI (%s) >> >>" % (top, top + 14, _escape(uri))
    )


def build_pdf(
    pages: Sequence[PdfPage], title: str = "", compress: bool = False, scanned: bool = False
) -> bytes:
    """The bytes of a PDF whose pages hold the given lines (pypdf can extract them)."""
    objects: dict[int, bytes] = {3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                                    b"/Encoding /WinAnsiEncoding >>"}  # fmt: skip
    next_id, kids = 4, []
    for page in pages:
        page_id, content_id = next_id, next_id + 1
        annots = list(range(next_id + 2, next_id + 2 + len(page.uris)))
        next_id = next_id + 2 + len(page.uris)
        for index, (annot_id, uri) in enumerate(zip(annots, page.uris, strict=True)):
            objects[annot_id] = _annotation(uri, index)
        content = SCANNED_CONTENT if scanned else _content(page.lines)
        objects[content_id] = _stream(content, compress)
        refs = b" ".join(b"%d 0 R" % a for a in annots)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R /Annots [%s] >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, content_id, refs)
        )
        kids.append(page_id)
    kid_refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    info_id = next_id
    objects[info_id] = b"<< /Title (" + _escape(title) + b") /Producer (test writer) >>"
    return _serialise(objects, info_id)


def _serialise(objects: dict[int, bytes], info_id: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (size, info_id)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def pdf_from_source(source: str, substitutions: dict[str, str] | None = None) -> bytes:
    """A PDF from a text source: "title: ..." first, then optionally "compress: yes" (Flate
    streams) or "scanned: yes" (pages of image only, no text layer); pages split by a line
    "=== page ===", "@uri <address>" lines become link annotations on that page."""
    for key, value in (substitutions or {}).items():
        source = source.replace(key, value)
    lines = source.splitlines()
    title = (
        lines.pop(0).removeprefix("title:").strip()
        if lines[:1] and lines[0].startswith("title:")
        else ""
    )
    flags = set()
    while lines[:1] and lines[0] in ("compress: yes", "scanned: yes"):
        flags.add(lines.pop(0).split(":")[0])
    pages, current = [], PdfPage([])
    for line in lines:
        if line.strip() == "=== page ===":
            pages.append(current)
            current = PdfPage([])
        elif line.startswith("@uri "):
            current.uris.append(line.removeprefix("@uri ").strip())
        else:
            current.lines.append(line)
    pages.append(current)
    return build_pdf(pages, title, "compress" in flags, "scanned" in flags)
