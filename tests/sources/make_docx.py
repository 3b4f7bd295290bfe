"""Writes the DOCX files of the source tests with zipfile, as Word lays them out.

make_docx.py report OUT.docx               headings, a list, a table, a footnote
make_docx.py entities OUT.docx FILE URL    a DOCTYPE whose external entities name FILE and URL
"""
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraph(text, style=None, listed=False):
    properties = ""
    if style:
        properties += f'<w:pStyle w:val="{style}"/>'
    if listed:
        properties += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    return f"<w:p><w:pPr>{properties}</w:pPr>{text}</w:p>"


def run(text):
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def cell(text):
    return f"<w:tc><w:p>{run(text)}</w:p></w:tc>"


def report_body():
    return "".join([
        paragraph(run("Staff survey 2023"), style="Title"),
        paragraph(run("Findings"), style="Heading1"),
        paragraph(run("Staff said they felt ") + run("unheard")
                  + '<w:r><w:footnoteReference w:id="7"/></w:r>' + run(".")
                  + "<w:del><w:r><w:delText>withdrawn words</w:delText></w:r></w:del>"),
        paragraph(run("Fewer meetings"), listed=True),
        paragraph(run("Named sponsors"), listed=True),
        "<w:tbl>"
        f"<w:tr>{cell('Group')}{cell('Share')}</w:tr>"
        f"<w:tr>{cell('Nurses')}{cell('41%')}</w:tr>"
        "</w:tbl>",
        paragraph(run("Tab\there") + "<w:r><w:br/></w:r>" + run("next line &amp; more")),
    ])


FOOTNOTES = (f'<w:footnotes {W}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> NHS Staff Survey, question 4.</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')


def write(path, document, footnotes=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", document)
        if footnotes:
            archive.writestr("word/footnotes.xml", footnotes)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    if kind == "report":
        write(out, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f"<w:document {W}><w:body>{report_body()}</w:body></w:document>", FOOTNOTES)
    elif kind == "entities":
        local, url = sys.argv[3], sys.argv[4]
        write(out, '<?xml version="1.0" encoding="UTF-8"?>'
                   f'<!DOCTYPE w:document [<!ENTITY local SYSTEM "file://{local}">'
                   f'<!ENTITY remote SYSTEM "{url}">]>'
                   f"<w:document {W}><w:body>"
                   + paragraph(run("Before &local; &remote; after"))
                   + "</w:body></w:document>")
    else:
        sys.exit("unknown kind " + kind)


main()
