// tigris: counts the terms of one document, for adding each once with its wdf.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fnv1a.h"

namespace tigris {

/// An open-addressing count table keyed by term. The probed slots are 8 bytes (hash and
/// index), so a lookup mostly stays in the CPU's nearest cache; the terms sit apart, in
/// first-seen order. Emptied after each document, it keeps its storage and its strings'
/// capacity: a document's terms cost no allocation once the table has seen a few
/// documents (a std::unordered_map allocates a node per term).
class TermCounter {
  public:
    /// Counts one occurrence of @p term.
    void add(std::string_view term) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        const std::uint32_t h = hash(term);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (s.index == 0) {
                if (size_ == terms_.size()) {
                    terms_.emplace_back();
                    counts_.push_back(0);
                    at_.push_back(0);
                }
                terms_[size_].assign(term.data(), term.size());
                counts_[size_] = 1;
                at_[size_] = static_cast<std::uint32_t>(i);
                s.hash = h;
                s.index = static_cast<std::uint32_t>(++size_);
                return;
            }
            if (s.hash == h && terms_[s.index - 1] == term) {
                ++counts_[s.index - 1];
                return;
            }
        }
    }

    /// Calls @p f(term, count) for every term counted, in first-seen order, then
    /// empties the table.
    template <typename F>
    void drain(F&& f) {
        for (std::size_t k = 0; k < size_; ++k) f(terms_[k], counts_[k]);
        clear();
    }

    /// Empties the table.
    void clear() {
        for (std::size_t k = 0; k < size_; ++k) slots_[at_[k]] = Slot{};
        size_ = 0;
    }

  private:
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t index = 0;  ///< 1 + the term's index in terms_; 0: empty
    };

    static std::uint32_t hash(std::string_view s) { return fnv1a(s); }

    void grow() {
        slots_.assign(slots_.empty() ? 1024 : slots_.size() * 2, Slot{});
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t k = 0; k < size_; ++k) {
            const std::uint32_t h = hash(terms_[k]);
            std::size_t i = h & mask;
            while (slots_[i].index != 0) i = (i + 1) & mask;
            slots_[i] = Slot{h, static_cast<std::uint32_t>(k + 1)};
            at_[k] = static_cast<std::uint32_t>(i);
        }
    }

    std::vector<Slot> slots_;
    std::vector<std::string> terms_;     ///< terms_[0, size_): this document's terms
    std::vector<std::uint32_t> counts_;  ///< their counts
    std::vector<std::uint32_t> at_;      ///< their slots
    std::size_t size_ = 0;
};

}  // namespace tigris
