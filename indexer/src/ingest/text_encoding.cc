// Text in any common encoding to UTF-8, with ICU: its converters (ucnv) and its
// charset detector (ucsdet).
#include <memory>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include "tigris/corpus.h"
#include "tigris/error.h"
#include "tigris/file_text.h"

namespace tigris {

namespace {

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
    void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// The charset of a byte order mark at the start of @p bytes and its length, or "".
// UTF-32 first: its little-endian mark begins with UTF-16's.
std::string bom_charset(std::string_view bytes, std::size_t& length) {
    const auto starts = [&](std::string_view mark) { return bytes.substr(0, mark.size()) == mark; };
    using namespace std::string_view_literals;
    if (starts("\xEF\xBB\xBF"sv)) return length = 3, "UTF-8";
    if (starts("\xFF\xFE\x00\x00"sv)) return length = 4, "UTF-32LE";
    if (starts("\x00\x00\xFE\xFF"sv)) return length = 4, "UTF-32BE";
    if (starts("\xFF\xFE"sv)) return length = 2, "UTF-16LE";
    if (starts("\xFE\xFF"sv)) return length = 2, "UTF-16BE";
    length = 0;
    return "";
}

// A converter for @p charset, or null when ICU does not know the name.
std::unique_ptr<UConverter, ConverterCloser> open_converter(const std::string& charset) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> c(ucnv_open(charset.c_str(), &status));
    if (U_FAILURE(status)) return nullptr;
    return c;
}

// @p bytes read with @p converter; what does not convert becomes U+FFFD (ICU's default
// substitution callback).
std::string convert(UConverter* converter, std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    const auto n = static_cast<int32_t>(bytes.size());
    icu::UnicodeString text;
    // A byte becomes at most two UTF-16 units (a supplementary character from 4 bytes
    // takes 2; no common charset makes more of one byte).
    UChar* out = text.getBuffer(2 * n + 1);
    if (!out) throw Error("cannot convert text: out of memory");
    const int32_t length = ucnv_toUChars(converter, out, 2 * n + 1, bytes.data(), n, &status);
    text.releaseBuffer(U_SUCCESS(status) ? length : 0);
    if (U_FAILURE(status)) {
        throw Error(std::string("cannot convert text from ") + ucnv_getName(converter, &status) + ": " + u_errorName(status));
    }
    std::string utf8;
    text.toUTF8String(utf8);
    return utf8;
}

// The MIME (else IANA) name of @p converter's charset: ICU's own names are its tables'
// (ibm-5348_P100-1997 for windows-1252).
std::string standard_name(UConverter* converter, const std::string& fallback) {
    UErrorCode status = U_ZERO_ERROR;
    const char* internal = ucnv_getName(converter, &status);
    if (U_FAILURE(status)) return fallback;
    for (const char* standard : {"MIME", "IANA"}) {
        status = U_ZERO_ERROR;
        const char* name = ucnv_getStandardName(internal, standard, &status);
        if (U_SUCCESS(status) && name) return name;
    }
    return fallback;
}

// The charset ICU's detector finds most likely for @p bytes, or "".
std::string detect_charset(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
    if (U_FAILURE(status)) throw Error(std::string("cannot open ICU's charset detector: ") + u_errorName(status));
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
    if (U_FAILURE(status) || !match) return "";
    const char* name = ucsdet_getName(match, &status);
    return U_SUCCESS(status) && name ? name : "";
}

}  // namespace

std::string decode_text(std::string_view bytes, const std::string& declared, std::string* used) {
    std::size_t skip = 0;
    std::string charset = bom_charset(bytes, skip);
    bytes.remove_prefix(skip);
    if (charset.empty() && !declared.empty()) {
        if (auto c = open_converter(declared)) charset = standard_name(c.get(), declared);
    }
    // A declared UTF-8 is often wrong (Latin-1 saved by a tool that writes utf-8 in
    // every header): believed only when the bytes are UTF-8.
    const bool utf8 = charset.empty() || charset == "UTF-8";
    if (utf8 && valid_utf8(std::string(bytes), nullptr)) {
        if (used) *used = "UTF-8";
        return std::string(bytes);
    }
    if (utf8) charset = detect_charset(bytes);
    auto converter = charset.empty() || charset == "UTF-8" ? nullptr : open_converter(charset);
    if (!converter) {
        charset = "windows-1252";  // the most common single-byte encoding: every byte reads
        converter = open_converter(charset);
        if (!converter) throw Error("ICU has no converter for windows-1252");
    }
    if (used) *used = charset;
    return convert(converter.get(), bytes);
}

}  // namespace tigris
