#include "pdf_writer.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <memory>
#include <stdexcept>

namespace gloss::test {

namespace {

constexpr double kWidth = 595; // A4, points
constexpr double kHeight = 842;
constexpr double kMargin = 56;
constexpr double kLineHeight = 15;
constexpr double kFontSize = 11;

void drawColumn(cairo_t* cr, const std::vector<std::string>& lines, size_t from, size_t to, double x) {
    double y = kMargin + kFontSize;
    for (size_t i = from; i < to; ++i) {
        cairo_move_to(cr, x, y);
        cairo_show_text(cr, lines[i].c_str());
        y += kLineHeight;
    }
}

} // namespace

void writePdf(const std::filesystem::path& path, const std::vector<PdfPage>& pages) {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_pdf_surface_create(path.c_str(), kWidth, kHeight), cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()), cairo_destroy);
    cairo_t* cr = context.get();
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, kFontSize);
    for (const PdfPage& page : pages) {
        if (page.picture) {
            cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
            cairo_rectangle(cr, kMargin, kMargin, kWidth - 2 * kMargin, kHeight / 2);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        if (page.columns == 2) {
            const size_t half = (page.lines.size() + 1) / 2;
            drawColumn(cr, page.lines, 0, half, kMargin);
            drawColumn(cr, page.lines, half, page.lines.size(), kWidth / 2 + 10);
        } else {
            drawColumn(cr, page.lines, 0, page.lines.size(), kMargin);
        }
        cairo_show_page(cr);
    }
    context.reset();
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(path.string() +
                                 ": cairo: " + cairo_status_to_string(cairo_surface_status(surface.get())));
}

} // namespace gloss::test
