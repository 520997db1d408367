// Stage: every apostrophe-like mark inside a word becomes ASCII '.
#pragma once

#include "tigris/normalizer.h"

namespace tigris {

/// Maps ’ ‘ ‛ ` ´ ′, the modifier letters ʼ ʻ ʿ ʾ (U+02BC, U+02BB, U+02BF, U+02BE) and a
/// comma left inside a word by the tokenizer (Shi,a) to ASCII ', so that Shi’a, Shi‘a,
/// Shiʿa and Shi,a all read shi'a. Runs before NFKC, which would turn ´ into a space
/// and a combining accent.
class ApostropheUnify : public NormalizerStage {
  public:
    const char* name() const override { return "apostrophe"; }
    bool should_normalize(std::string_view text) const override;
    void normalize(std::string& text) const override;
};

}  // namespace tigris
