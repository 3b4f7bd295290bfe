// The source plugins (pdf, docx, html) on files the tests make: PDFs drawn
// with cairo, DOCX files written with Python's zipfile, HTML as text; and the
// hostile ones: truncated, encrypted and image-only PDFs, a DOCX whose DTD
// names a local file and a listening local port, a page with a script.

#include "gloss/core/files.hpp"
#include "gloss/core/plugin_host.hpp"
#include "pdf_writer.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using gloss::core::Document;
using gloss::core::Encoding;
using gloss::core::InputError;
using gloss::core::PluginHost;
using namespace gloss::test;

namespace {

PluginHost& sources() {
    static PluginHost host;
    static const bool loaded = [] {
        for (const char* file : {GLOSS_PDF_PLUGIN, GLOSS_DOCX_PLUGIN, GLOSS_HTML_PLUGIN})
            if (!host.loadFile(file)) return false;
        return true;
    }();
    REQUIRE(loaded);
    return host;
}

Document open(const std::filesystem::path& path) {
    return gloss::core::loadReport(path, Encoding::Utf8, &sources());
}

std::string page(const Document& document, size_t index) {
    const auto& starts = document.pageStarts();
    const size_t end = index + 1 < starts.size() ? starts[index + 1] : document.utf8().size();
    return std::string(document.utf8().substr(starts[index], end - starts[index]));
}

// The message loading `path` fails with.
std::string refusal(const std::filesystem::path& path) {
    try {
        open(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

std::vector<PdfPage> samplePages() {
    return {
        {{"Review of leadership: the \uFB01nal \uFB01gures.", "Staff felt unheard."}},
        {{"Left one", "Left two", "Left three", "Right one", "Right two", "Right three"}, 2},
        {{"Annex: na\u00EFve counts \u2014 41%."}},
    };
}

void makeDocx(const std::vector<std::string>& arguments) {
    std::vector<std::string> all{"python3", GLOSS_MAKE_DOCX};
    all.insert(all.end(), arguments.begin(), arguments.end());
    const ProcessResult made = run("/usr/bin/env", all);
    REQUIRE_MESSAGE(made.exitCode == 0, made.err);
}

// Counts the connections made to a port of 127.0.0.1 while it lives.
class Listener {
  public:
    Listener() {
        socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(socket_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(socket_, 8) == 0);
        socklen_t size = sizeof address;
        REQUIRE(::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] {
            while (!stop_) {
                pollfd waiting{socket_, POLLIN, 0};
                if (::poll(&waiting, 1, 20) > 0) {
                    const int client = ::accept(socket_, nullptr, nullptr);
                    if (client >= 0) ::close(client);
                    ++connections_;
                }
            }
        });
    }
    ~Listener() {
        stop_ = true;
        thread_.join();
        ::close(socket_);
    }
    int port() const { return port_; }
    int connections() const { return connections_; }

  private:
    int socket_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::thread thread_;
};

} // namespace

TEST_CASE("pdf: pages in reading order, ligatures as letters, the file's sha256 and the extractor") {
    TempDir dir;
    writePdf(dir / "review.pdf", samplePages());
    const Document document = open(dir / "review.pdf");

    REQUIRE(document.pageCount() == 3);
    CHECK(page(document, 0) == "Review of leadership: the final figures.\nStaff felt unheard.\n\n\f");
    // Both columns of page 2, the left one first.
    CHECK(page(document, 1) == "Left one\nLeft two\nLeft three\n\nRight one\nRight two\nRight three\n\n\f");
    CHECK(page(document, 2) == "Annex: na\u00EFve counts \u2014 41%.\n\n\f");
    CHECK(document.name() == "review.pdf");
    CHECK(document.extractor()->name == "poppler");
    CHECK_FALSE(document.extractor()->version.empty());
    const ProcessResult sum = run("/usr/bin/env", {"sha256sum", (dir / "review.pdf").string()});
    CHECK(sum.out.substr(0, 64) == document.sha256());
    CHECK(document.fileSize() == std::filesystem::file_size(dir / "review.pdf"));

    // pdftotext (poppler-utils) agrees, but for the ligatures it leaves as they are.
    const ProcessResult peer =
        run("/usr/bin/env", {"pdftotext", "-enc", "UTF-8", (dir / "review.pdf").string(), "-"});
    REQUIRE(peer.exitCode == 0);
    std::string expected = peer.out;
    for (size_t at; (at = expected.find("\uFB01")) != std::string::npos;) expected.replace(at, 3, "fi");
    CHECK(std::string(document.utf8()) == expected);
}

TEST_CASE("pdf: extraction is deterministic") {
    TempDir dir;
    writePdf(dir / "a.pdf", samplePages());
    const Document first = open(dir / "a.pdf");
    const Document second = open(dir / "a.pdf");
    CHECK(first.utf8() == second.utf8());
    CHECK(first.pageStarts() == second.pageStarts());
}

TEST_CASE("pdf: damaged, encrypted and image-only files are refused with a reason") {
    TempDir dir;
    writePdf(dir / "whole.pdf", samplePages());
    const std::string bytes = readText(dir / "whole.pdf");
    // Cut before the pages' objects end: nothing to recover.
    for (const size_t keep : {size_t{9}, bytes.size() / 3, bytes.size() / 2}) {
        CAPTURE(keep);
        dir.write("truncated.pdf", bytes.substr(0, keep));
        const std::string message = refusal(dir / "truncated.pdf");
        CHECK(message.starts_with((dir / "truncated.pdf").string() + ": "));
        CHECK(message.find("damaged PDF") != std::string::npos);
    }

    // Cut inside the cross-reference table: poppler rebuilds it from the
    // objects, which are all there, and the text is whole.
    dir.write("no-trailer.pdf", bytes.substr(0, bytes.size() - 40));
    CHECK(open(dir / "no-trailer.pdf").utf8() == open(dir / "whole.pdf").utf8());

    const ProcessResult encrypted =
        run("/usr/bin/env", {"qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--",
                             (dir / "whole.pdf").string(), (dir / "locked.pdf").string()});
    REQUIRE_MESSAGE(encrypted.exitCode == 0, encrypted.err);
    CHECK(refusal(dir / "locked.pdf").find("encrypted PDF: it needs a password") != std::string::npos);

    writePdf(dir / "scan.pdf", {{{}, 1, true}, {{}, 1, true}});
    const std::string scan = refusal(dir / "scan.pdf");
    CHECK(scan.find("no text layer on any of its 2 pages") != std::string::npos);
    CHECK(scan.find("OCR first") != std::string::npos);
}

TEST_CASE("sources are chosen by extension, else by magic; other files stay text") {
    TempDir dir;
    writePdf(dir / "review.pdf", samplePages());
    std::filesystem::copy_file(dir / "review.pdf", dir / "review.bin");
    const auto bytes = readText(dir / "review.pdf");
    CHECK(sources().sourceFor(dir / "REVIEW.PDF", "")->format == "pdf");
    CHECK(sources().sourceFor(dir / "review.bin", bytes)->format == "pdf");
    CHECK(sources().sourceFor(dir / "page.HTM", "")->format == "html");
    CHECK_FALSE(sources().sourceFor(dir / "notes.txt", "plain words").has_value());
    CHECK(open(dir / "review.bin").pageCount() == 3);
    // Without plugins a report is text: PDF bytes are not UTF-8 here.
    CHECK_THROWS_AS(gloss::core::loadReport(dir / "review.pdf", Encoding::Utf8), InputError);
}

TEST_CASE("docx: headings, paragraphs, a list, a table as tab-separated rows, the footnote at the end") {
    TempDir dir;
    makeDocx({"report", (dir / "survey.docx").string()});
    const Document document = open(dir / "survey.docx");
    CHECK(std::string(document.utf8()) == "Staff survey 2023\n\n"
                                          "Findings\n\n"
                                          "Staff said they felt unheard[1].\n\n"
                                          "\u2022 Fewer meetings\n\n"
                                          "\u2022 Named sponsors\n\n"
                                          "Group\tShare\n"
                                          "Nurses\t41%\n\n"
                                          "Tab\there\n"
                                          "next line & more\n\n"
                                          "[1] NHS Staff Survey, question 4.\n");
    CHECK(document.extractor()->name == "gloss-docx");
    CHECK(document.pageCount() == 1);
    // The Title and Heading1 paragraphs are the outline.
    const std::string_view text = document.utf8();
    const auto title = [&](const gloss::core::Heading& h) {
        return std::string(text.substr(h.start, h.end - h.start));
    };
    REQUIRE(document.headings().size() == 2);
    CHECK(title(document.headings()[0]) == "Staff survey 2023");
    CHECK(document.headings()[0].level == 1);
    CHECK(title(document.headings()[1]) == "Findings");
    CHECK(document.headings()[1].level == 1);
}

TEST_CASE("docx: external entities are never fetched, from a file or the network") {
    TempDir dir;
    const auto secret = dir.write("secret.txt", "TOP-SECRET-CONTENT");
    Listener listener;
    const std::string url = "http://127.0.0.1:" + std::to_string(listener.port()) + "/entity";
    makeDocx({"entities", (dir / "hostile.docx").string(), secret.string(), url});

    const std::string message = refusal(dir / "hostile.docx");
    CHECK(message.starts_with((dir / "hostile.docx").string() + ": "));
    CHECK(message.find("word/document.xml: declares a DTD") != std::string::npos);
    CHECK(message.find("TOP-SECRET") == std::string::npos);
    // A fetch would have connected by now: the load has returned.
    CHECK(listener.connections() == 0);

    // The listener does count a connection (the control).
    const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(listener.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(::connect(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    ::close(probe);
    for (int i = 0; i < 200 && listener.connections() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(listener.connections() == 1);
}

TEST_CASE("docx: files that are not DOCX are refused with a reason") {
    TempDir dir;
    dir.write("empty.docx", "");
    CHECK(refusal(dir / "empty.docx").find("not a DOCX file") != std::string::npos);
    dir.write("text.docx", "just words");
    CHECK(refusal(dir / "text.docx").find("not a DOCX file") != std::string::npos);
    makeDocx({"report", (dir / "whole.docx").string()});
    const std::string bytes = readText(dir / "whole.docx");
    dir.write("cut.docx", bytes.substr(0, bytes.size() / 2));
    const std::string cut = refusal(dir / "cut.docx");
    CHECK(cut.starts_with((dir / "cut.docx").string() + ": "));
    CHECK(cut.find("not a DOCX file: the ZIP container cannot be read") != std::string::npos);
}

TEST_CASE("html: blocks as paragraphs, scripts and styles dropped, entities decoded") {
    TempDir dir;
    dir.write("page.html",
              "<!DOCTYPE html><html><head><title>Ignored</title><style>p{color:red}</style>"
              "<script>var leaked = 'SCRIPT-TEXT';</script></head><body>"
              "<h1>Review &amp; findings</h1><p>Staff   said\n they <b>felt</b> unheard&hellip;</p>"
              "<script>document.write('SCRIPT-TEXT')</script>"
              "<ul><li>One</li><li>Two</li></ul>"
              "<table><tr><th>Group</th><th>Share</th></tr><tr><td>Nurses</td><td>41%</td></tr></table>"
              "<pre>  kept\n  as is</pre><p>Caf&eacute; &#x1F600;</p></body></html>");
    const Document document = open(dir / "page.html");
    CHECK(std::string(document.utf8()) == "Review & findings\n\n"
                                          "Staff said they felt unheard\u2026\n\n"
                                          "\u2022 One\n"
                                          "\u2022 Two\n\n"
                                          "Group\tShare\n"
                                          "Nurses\t41%\n\n"
                                          "  kept\n  as is\n\n"
                                          "Caf\u00E9 \U0001F600\n");
    CHECK(document.extractor()->name == "gloss-html");
    REQUIRE(document.headings().size() == 1);
    CHECK(document.headings()[0] == gloss::core::Heading{0, 17, 1}); // "Review & findings"
}

TEST_CASE("html: h1 to h6 are headings at their levels, their inline markup included") {
    TempDir dir;
    dir.write("outline.html",
              "<html><body><h1>Leading <em>Together</em></h1><p>Text.</p>"
              "<h2>7.3 Pay gaps</h2><div><h3> Nested  </h3></div><h6>Last</h6><h2></h2></body></html>");
    const Document document = open(dir / "outline.html");
    const std::string_view text = document.utf8();
    std::vector<std::pair<std::string, uint32_t>> outline;
    for (const auto& h : document.headings())
        outline.emplace_back(text.substr(h.start, h.end - h.start), h.level);
    CHECK(outline == std::vector<std::pair<std::string, uint32_t>>{
                         {"Leading Together", 1}, {"7.3 Pay gaps", 2}, {"Nested", 3}, {"Last", 6}});
}

TEST_CASE("gloss-cli info and tag read a PDF through the pdf plugin") {
    TempDir dir;
    writePdf(dir / "review.pdf", samplePages());
    const auto report = (dir / "review.pdf").string();
    const auto before = readText(report);

    const ProcessResult info = runCli({"info", report});
    REQUIRE_MESSAGE(info.exitCode == 0, info.err);
    CHECK(info.out.find("pages       3\n") != std::string::npos);
    CHECK(info.out.find("extractor   poppler ") != std::string::npos);

    const auto annotations = (dir / "review.json").string();
    const ProcessResult tag = runCli({"tag", report, "--annotations", annotations, "--quote", "final figures",
                                      "--tag", "representation", "--author", "Test"});
    REQUIRE_MESSAGE(tag.exitCode == 0, tag.err);
    const auto file = gloss::core::loadAnnotationFile(annotations);
    CHECK(file.report.name == "review.pdf");
    CHECK(file.report.sha256 == open(report).sha256());
    REQUIRE(file.report.extractor.has_value());
    CHECK(file.report.extractor->name == "poppler");
    REQUIRE(file.annotations.size() == 1);
    CHECK(file.annotations[0].quote == "final figures");
    CHECK(readText(report) == before); // the report is never written

    dir.write("broken.pdf", before.substr(0, before.size() / 3));
    const ProcessResult broken = runCli({"info", (dir / "broken.pdf").string()});
    CHECK(broken.exitCode == 2);
    CHECK(broken.err.find("broken.pdf: plugin pdf: ") != std::string::npos);
    CHECK(broken.err.find("damaged PDF") != std::string::npos);
}
