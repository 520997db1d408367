// Stage: removes diacritics from letters (Ṣadr → sadr, Muqtadā → muqtada).
#pragma once

#include "tigris/normalizer.h"

namespace tigris {

/// Decomposes (NFD), drops non-spacing marks (general category Mn), recomposes (NFC).
/// Scholarly transliteration (Ṣ, ā, ī, ḥ) thus meets plain ASCII spellings.
class DiacriticStrip : public NormalizerStage {
  public:
    const char* name() const override { return "diacritics"; }
    bool should_normalize(std::string_view text) const override;
    void normalize(std::string& text) const override;
};

}  // namespace tigris
