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
        const std::uint32_t h = fnv1a(term);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (s.index == 0) {
                if (size_ == entries_.size()) entries_.emplace_back();
                Entry& e = entries_[size_];
                e.term.assign(term.data(), term.size());
                e.count = 1;
                e.hash = h;
                e.slot = static_cast<std::uint32_t>(i);
                s = Slot{h, static_cast<std::uint32_t>(++size_)};
                return;
            }
            if (s.hash == h && entries_[s.index - 1].term == term) {
                ++entries_[s.index - 1].count;
                return;
            }
        }
    }

    /// Calls @p f(term, count) for every term counted, in first-seen order, then
    /// empties the table.
    template <typename F>
    void drain(F&& f) {
        for (std::size_t k = 0; k < size_; ++k) f(entries_[k].term, entries_[k].count);
        clear();
    }

    /// Empties the table.
    void clear() {
        for (std::size_t k = 0; k < size_; ++k) slots_[entries_[k].slot] = Slot{};
        size_ = 0;
    }

  private:
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t index = 0;  ///< 1 + the term's index in entries_; 0: empty
    };
    struct Entry {
        std::string term;
        std::uint32_t count = 0;
        std::uint32_t hash = 0;
        std::uint32_t slot = 0;  ///< where its Slot is
    };

    void grow() {
        slots_.assign(slots_.empty() ? 1024 : slots_.size() * 2, Slot{});
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t k = 0; k < size_; ++k) {
            Entry& e = entries_[k];
            std::size_t i = e.hash & mask;
            while (slots_[i].index != 0) i = (i + 1) & mask;
            slots_[i] = Slot{e.hash, static_cast<std::uint32_t>(k + 1)};
            e.slot = static_cast<std::uint32_t>(i);
        }
    }

    std::vector<Slot> slots_;
    std::vector<Entry> entries_;  ///< entries_[0, size_): this document's terms
    std::size_t size_ = 0;
};

}  // namespace tigris
