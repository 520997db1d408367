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
    // Fast path, and the common case: ASCII letters, digits and ASCII apostrophes need
    // only lower-casing (every stage would leave them so). One pass copies, lower-cases
    // and checks.
    text.resize(token.size());
    bool plain = true;
    for (std::size_t i = 0; i < token.size(); ++i) {
        const auto b = static_cast<unsigned char>(token[i]);
        plain &= b < 0x80 && b != ',' && b != '`';
        text[i] = static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
    }
    if (plain) return;
    text.assign(token.data(), token.size());
    for (const auto& stage : stages_) {
        if (stage->should_normalize(text)) stage->normalize(text);
    }
}

}  // namespace tigris
