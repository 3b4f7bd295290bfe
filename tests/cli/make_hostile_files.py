"""Writes small files that expand to much more, for the limits tests.

make_hostile_files.py pdf-content OUT BYTES     a one-page PDF whose content stream inflates to BYTES
make_hostile_files.py docx-ratio OUT BYTES      a DOCX whose word/document.xml is BYTES of one letter
make_hostile_files.py docx-attributes OUT N     a DOCX paragraph with N attributes
make_hostile_files.py qdpx-elements OUT N       a .qdpx whose project.qde has N empty elements
make_hostile_files.py qdpx-depth OUT N          ... N nested elements
make_hostile_files.py qdpx-attributes OUT N     ... one element with N attributes
"""
import sys
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REFI = 'xmlns="urn:QDA-XML:project:1.0"'


def pdf(out, content_bytes):
    line = b"BT /F1 12 Tf 72 720 Td (Staff said the training helped) Tj ET\n"
    content = line * (content_bytes // len(line) + 1)
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    data = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(out, "wb") as f:
        f.write(data)


def docx(out, body):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                                              f"<w:document {W}><w:body>{body}</w:body></w:document>")


def qdpx(out, inside):
    project = f'<?xml version="1.0" encoding="utf-8"?><Project {REFI} name="p">{inside}</Project>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project)


def attributes(n):
    return " ".join(f'a{i}="{i}"' for i in range(n))


def main():
    kind, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == "pdf-content":
        pdf(out, size)
    elif kind == "docx-ratio":
        docx(out, "<w:p><w:r><w:t>" + "a" * size + "</w:t></w:r></w:p>")
    elif kind == "docx-attributes":
        docx(out, f"<w:p {attributes(size)}><w:r><w:t>Staff</w:t></w:r></w:p>")
    elif kind == "qdpx-elements":
        qdpx(out, "<Note/>" * size)
    elif kind == "qdpx-depth":
        qdpx(out, "<Note>" * size + "</Note>" * size)
    elif kind == "qdpx-attributes":
        qdpx(out, f"<Note {attributes(size)}/>")
    else:
        sys.exit("unknown kind " + kind)


main()
