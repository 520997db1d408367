#include "tigris/normalizer.h"

#include "apostrophe_unify.h"
#include "diacritic_strip.h"
#include "unicode_fold.h"

namespace tigris {

Normalizer::Normalizer() {
    // The order of normalization, written once. Apostrophes first: NFKC would turn
    // U+00B4 into a space and a combining mark. Case folding before diacritic removal
    // so that folded compatibility letters lose their marks too.
    stages_.push_back(std::make_unique<ApostropheUnify>());
    stages_.push_back(std::make_unique<UnicodeFold>());
    stages_.push_back(std::make_unique<DiacriticStrip>());
}

std::string Normalizer::normalize(std::string_view token) const {
    std::string text;
    normalize_into(token, text);
    return text;
}

void Normalizer::normalize_into(std::string_view token, std::string& text) const {
    text.assign(token.data(), token.size());
    // Fast path, and the common case: ASCII letters, digits and ASCII apostrophes need
    // only lower-casing (every stage would leave them so).
    bool plain = true;
    for (const char c : token) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x80 || b == ',' || b == '`') {
            plain = false;
            break;
        }
    }
    if (plain) {
        for (char& c : text) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return;
    }
    for (const auto& stage : stages_) {
        if (stage->should_normalize(text)) stage->normalize(text);
    }
}

}  // namespace tigris
