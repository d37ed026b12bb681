"""Reading the PDFs we write, as a reader's software does.

pypdf reads the structure (the catalogue's tags, language and the document title); PDFium, the
engine of Chromium's PDF viewer, extracts the text through each font's ToUnicode map, which is
what a screen reader or a search gets. (pypdf garbles text in font subsets WeasyPrint re-encodes,
for example a name with "Ł", so it is not used for text.)
"""

import io
from dataclasses import dataclass

import pypdf
import pypdfium2


@dataclass(frozen=True)
class ReadPdf:
    pages: int
    title: str | None
    language: str | None
    marked: bool
    structure_tree: bool
    pdf_ua: bool
    text: str
    links: list[str]


def read_pdf(content: bytes) -> ReadPdf:
    reader = pypdf.PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo") or {}
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data() if metadata is not None else b""
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    document = pypdfium2.PdfDocument(content)
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return ReadPdf(
        pages=len(reader.pages),
        title=reader.metadata.title if reader.metadata else None,
        language=str(root["/Lang"]) if "/Lang" in root else None,
        marked=bool(mark_info.get("/Marked")),
        structure_tree="/StructTreeRoot" in root,
        pdf_ua=b'pdfuaid:part="1"' in xmp or b"<pdfuaid:part>1<" in xmp,
        text=text.replace("\r\n", "\n"),
        links=[str(link) for link in links],
    )
