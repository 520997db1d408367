// Stage: Unicode compatibility normalization with case folding (NFKC_Casefold).
#pragma once

#include "tigris/normalizer.h"

namespace tigris {

/// NFKC_Casefold: compatibility forms (ligatures, full-width letters) fold to plain
/// ones, case folds (ß → ss), default-ignorable code points such as the soft hyphen
/// U+00AD go. Invalid UTF-8 bytes become U+FFFD first. ASCII takes a fast path.
class UnicodeFold : public NormalizerStage {
  public:
    const char* name() const override { return "nfkc-casefold"; }
    bool should_normalize(std::string_view text) const override;
    void normalize(std::string& text) const override;
};

}  // namespace tigris
