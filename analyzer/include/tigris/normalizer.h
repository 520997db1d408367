// tigris: turns a token's bytes into its normalized form, one stage after another.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tigris {

/// One step of normalization: a cheap gate and the transform itself.
class NormalizerStage {
  public:
    virtual ~NormalizerStage() = default;
    /// A short name for explain output and tests.
    virtual const char* name() const = 0;
    /// False when normalize() would leave @p text unchanged (may give false positives).
    virtual bool should_normalize(std::string_view text) const = 0;
    /// Transforms @p text in place. @exception tigris::Error on an ICU failure.
    virtual void normalize(std::string& text) const = 0;
};

/// The normalization pipeline: apostrophe unification, NFKC with case folding,
/// diacritic removal. Idempotent: normalize(normalize(x)) == normalize(x).
class Normalizer {
  public:
    Normalizer();
    /// The normalized form of one token.
    std::string normalize(std::string_view token) const;
    /// The same into @p out, which keeps its capacity (the indexer's hot path).
    void normalize_into(std::string_view token, std::string& out) const;
    /// The stages in the order they run.
    const std::vector<std::unique_ptr<NormalizerStage>>& stages() const { return stages_; }

  private:
    std::vector<std::unique_ptr<NormalizerStage>> stages_;
};

}  // namespace tigris
