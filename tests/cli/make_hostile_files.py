"""Writes small files that expand to much more, for the limits tests.

make_hostile_files.py pdf-content OUT BYTES     a one-page PDF whose content stream inflates to BYTES
make_hostile_files.py pdf-lzw OUT BYTES         ... under LZWDecode
make_hostile_files.py pdf-runlength OUT BYTES   ... under RunLengthDecode (a line, then spaces)
make_hostile_files.py pdf-a85-flate OUT BYTES   ... under [/ASCII85Decode /FlateDecode]
make_hostile_files.py pdf-flate-flate OUT BYTES ... deflated twice, [/FlateDecode /FlateDecode]
make_hostile_files.py pdf-text OUT N            a one-page PDF with N lines of text
make_hostile_files.py docx-ratio OUT BYTES      a DOCX whose word/document.xml is BYTES of one letter
make_hostile_files.py docx-attributes OUT N     a DOCX paragraph with N attributes
make_hostile_files.py qdpx-elements OUT N       a .qdpx whose project.qde has N empty elements
make_hostile_files.py qdpx-depth OUT N          ... N nested elements
make_hostile_files.py qdpx-attributes OUT N     ... one element with N attributes
"""
import base64
import sys
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REFI = 'xmlns="urn:QDA-XML:project:1.0"'


LINE = b"BT /F1 12 Tf 72 720 Td (Staff said the training helped) Tj ET\n"


def repeated_lines(content_bytes):
    return LINE * (content_bytes // len(LINE) + 1)


def lzw(data):
    """PDF's LZWDecode (EarlyChange 1): 9- to 12-bit codes, most significant bit first."""
    table = {bytes([i]): i for i in range(256)}
    next_code = 258
    codes = [(256, 9)]
    width = lambda: min(12, max(9, next_code.bit_length()))
    w = b""
    for byte in data:
        wc = w + bytes([byte])
        if wc in table:
            w = wc
            continue
        codes.append((table[w], width()))
        table[wc] = next_code
        next_code += 1
        if next_code == 4000:  # clear well before the table is full
            codes.append((256, width()))
            table = {bytes([i]): i for i in range(256)}
            next_code = 258
        w = bytes([byte])
    codes.append((table[w], width()))
    next_code += 1  # the entry the decoder adds on reading that code
    codes.append((257, width()))
    bits = "".join(format(code, "0%db" % size) for code, size in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


def runlength(data):
    out = bytearray()
    i = 0
    while i < len(data):
        run = 1
        while i + run < len(data) and run < 128 and data[i + run] == data[i]:
            run += 1
        if run > 1:
            out += bytes([257 - run, data[i]])
            i += run
            continue
        j = i + 1
        while j < len(data) and j - i < 128 and data[j] != data[j - 1]:
            j += 1
        out += bytes([j - i - 1]) + data[i:j]
        i = j
    return bytes(out) + b"\x80"


def pdf(out, content, filters="/FlateDecode", encode=lambda c: zlib.compress(c, 9)):
    stream = encode(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters.encode()) + stream + b"\nendstream",
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
        pdf(out, repeated_lines(size))
    elif kind == "pdf-lzw":
        pdf(out, repeated_lines(size), "/LZWDecode", lzw)
    elif kind == "pdf-runlength":
        pdf(out, LINE + b" " * size, "/RunLengthDecode", runlength)
    elif kind == "pdf-a85-flate":
        pdf(out, repeated_lines(size), "[/ASCII85Decode /FlateDecode]",
            lambda c: base64.a85encode(zlib.compress(c, 9)) + b"~>")
    elif kind == "pdf-flate-flate":
        pdf(out, repeated_lines(size), "[/FlateDecode /FlateDecode]",
            lambda c: zlib.compress(zlib.compress(c, 9), 9))
    elif kind == "pdf-text":
        pdf(out, b"".join(b"BT /F1 8 Tf 72 %d Td (Line %d: staff said the training helped) Tj ET\n"
                          % (780 - 10 * i, i) for i in range(size)))
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
