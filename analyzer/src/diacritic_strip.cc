#include "diacritic_strip.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "tigris/error.h"

namespace tigris {

bool DiacriticStrip::should_normalize(std::string_view text) const {
    for (const char ch : text) {
        if (static_cast<unsigned char>(ch) >= 0x80) return true;
    }
    return false;
}

void DiacriticStrip::normalize(std::string& text) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU NFD/NFC unavailable: ") + u_errorName(status));
    }
    icu::UnicodeString decomposed;
    nfd->normalize(icu::UnicodeString::fromUTF8(text), decomposed, status);
    if (U_FAILURE(status)) {
        throw Error("ICU NFD failed on \"" + text + "\": " + u_errorName(status));
    }
    icu::UnicodeString bare;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
        i += U16_LENGTH(c);
    }
    icu::UnicodeString composed;
    nfc->normalize(bare, composed, status);
    if (U_FAILURE(status)) {
        throw Error("ICU NFC failed on \"" + text + "\": " + u_errorName(status));
    }
    text.clear();
    composed.toUTF8String(text);
}

}  // namespace tigris
