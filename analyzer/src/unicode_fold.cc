#include "unicode_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "tigris/error.h"

namespace tigris {

bool UnicodeFold::should_normalize(std::string_view text) const {
    for (const char ch : text) {
        const auto b = static_cast<unsigned char>(ch);
        if (b >= 0x80 || (b >= 'A' && b <= 'Z')) return true;
    }
    return false;
}

void UnicodeFold::normalize(std::string& text) const {
    bool ascii = true;
    for (const char ch : text) {
        if (static_cast<unsigned char>(ch) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        for (char& ch : text) {
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        }
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU NFKC_Casefold unavailable: ") + u_errorName(status));
    }
    const icu::UnicodeString in = icu::UnicodeString::fromUTF8(text);
    icu::UnicodeString folded;
    nfkc_cf->normalize(in, folded, status);
    if (U_FAILURE(status)) {
        throw Error("ICU NFKC_Casefold failed on \"" + text + "\": " + u_errorName(status));
    }
    text.clear();
    folded.toUTF8String(text);
}

}  // namespace tigris
