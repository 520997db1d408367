#include "tigris/variant_stemmer.h"

#include "tigris/variant_key.h"

namespace tigris {

VariantStemmer::VariantStemmer(std::shared_ptr<const Lexicon> lexicon,
                               std::shared_ptr<const EnglishWords> words)
    : lexicon_(std::move(lexicon)), analysis_(std::move(words)) {}

std::string VariantStemmer::operator()(const std::string& word) {
    const std::string norm = analysis_.normalizer().normalize(word);
    const MatchForm form = analysis_.form_of(norm);
    const std::int64_t node = lexicon_->step(Lexicon::kRoot, form);
    if (node >= 0) {
        const int family = lexicon_->terminal(static_cast<std::uint32_t>(node)).family;
        if (family >= 0) return "@" + lexicon_->families()[static_cast<std::size_t>(family)].id;
    }
    if (form.name) return "~" + variant_key(form.text);
    return analysis_.stem(norm);
}

std::string VariantStemmer::get_description() const {
    return "tigris::VariantStemmer(" + std::to_string(lexicon_->families().size()) + " families)";
}

}  // namespace tigris
