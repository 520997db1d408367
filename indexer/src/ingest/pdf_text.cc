// The text of a PDF, with poppler's C++ API: a page at a time, in reading order.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <mutex>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "tigris/dates.h"
#include "tigris/error.h"
#include "tigris/file_text.h"

namespace tigris {

namespace {

// Poppler reports problems through one process-wide callback (it has no per-document
// one) and prints them to standard error by default. Here they go to the thread that
// is loading a document, to name the problem when the load fails.
thread_local std::string* t_poppler_errors = nullptr;

void collect_poppler_error(const std::string& message, void*) {
    if (!t_poppler_errors || !t_poppler_errors->empty()) return;
    *t_poppler_errors = message.rfind("error: ", 0) == 0 ? message.substr(7) : message;
}

// Collects poppler's first complaint on this thread while it lives.
class PopplerErrors {
  public:
    PopplerErrors() {
        static std::once_flag installed;
        std::call_once(installed, [] { poppler::set_debug_error_function(collect_poppler_error, nullptr); });
        t_poppler_errors = &first_;
    }
    ~PopplerErrors() { t_poppler_errors = nullptr; }
    PopplerErrors(const PopplerErrors&) = delete;
    PopplerErrors& operator=(const PopplerErrors&) = delete;
    const std::string& first() const { return first_; }

  private:
    std::string first_;
};

std::string utf8(const poppler::ustring& s) {
    const poppler::byte_array bytes = s.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

// Whether the file ends with %%EOF (within its last KiB, as readers allow): a PDF
// without it was cut short.
bool ends_with_eof_marker(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const std::streamoff size = in.tellg();
    if (size <= 0) return false;
    const std::streamoff tail = std::min<std::streamoff>(size, 1024);
    in.seekg(size - tail);
    std::string last(static_cast<std::size_t>(tail), '\0');
    in.read(last.data(), tail);
    return last.find("%%EOF") != std::string::npos;
}

// "D:YYYYMMDDHHmmSSOHH'mm" (PDF 1.7, 7.9.4) to YYYY-MM-DD, as written (no time zone
// shift: the day the author's clock said), or "".
std::string pdf_date(const std::string& value) {
    std::string digits;
    for (std::size_t i = value.rfind("D:", 0) == 0 ? 2 : 0; i < value.size() && digits.size() < 8; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(value[i]))) break;
        digits += value[i];
    }
    if (digits.size() < 8) return "";
    const std::string day = digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2);
    return valid_day(day) ? day : "";
}

std::unique_ptr<poppler::document> load(const std::string& path) {
    PopplerErrors errors;
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (doc) return doc;
    if (!ends_with_eof_marker(path)) {
        throw InputError("truncated PDF (it does not end with %%EOF)" +
                         (errors.first().empty() ? std::string() : ": " + errors.first()));
    }
    throw InputError("damaged PDF: " + (errors.first().empty() ? std::string("poppler cannot read it") : errors.first()));
}

}  // namespace

FileText pdf_text(const std::string& path) {
    const std::unique_ptr<poppler::document> doc = load(path);
    if (doc->is_locked()) throw InputError("encrypted PDF: it needs a password to be read");
    FileText out;
    const int pages = doc->pages();
    bool any_text = false;
    for (int i = 0; i < pages; ++i) {
        if (i > 0) out.body += "\f";
        const std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) continue;
        std::string text = utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
        text.erase(text.find_last_not_of(" \t\r\n\f") + 1);  // poppler ends a page with a form feed
        any_text = any_text || text.find_first_not_of(" \t\r\n\f") != std::string::npos;
        out.body += text;
    }
    if (!any_text) throw InputError("PDF of " + std::to_string(pages) + " page" + (pages == 1 ? "" : "s") +
                                    " has no text (scanned pages? tigris does not run OCR)");
    out.title = utf8(doc->info_key("Title"));
    out.date = pdf_date(utf8(doc->info_key("CreationDate")));
    if (out.date.empty()) out.date = pdf_date(utf8(doc->info_key("ModDate")));
    out.meta["pages"] = pages;
    const std::string author = utf8(doc->info_key("Author"));
    if (!author.empty()) out.meta["author"] = author;
    return out;
}

}  // namespace tigris
