// tigris: counts the terms of one document, for adding each once with its wdf.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tigris {

/// An open-addressing count table keyed by term. Cleared after each document, it keeps
/// its slots and their strings' capacity, so a document's terms cost no allocation once
/// the table has seen a few documents (a std::unordered_map allocates a node per term).
class TermCounter {
  public:
    /// Counts one occurrence of @p term.
    void add(std::string_view term) {
        if ((used_.size() + 1) * 2 > slots_.size()) grow();
        const std::uint32_t h = hash(term);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (s.count == 0) {
                s.term.assign(term.data(), term.size());
                s.hash = h;
                s.count = 1;
                used_.push_back(static_cast<std::uint32_t>(i));
                return;
            }
            if (s.hash == h && s.term == term) {
                ++s.count;
                return;
            }
        }
    }

    /// Calls @p f(term, count) for every term counted, in first-seen order, then
    /// empties the table.
    template <typename F>
    void drain(F&& f) {
        for (const std::uint32_t i : used_) {
            f(slots_[i].term, slots_[i].count);
            slots_[i].count = 0;
        }
        used_.clear();
    }

    /// Empties the table.
    void clear() {
        drain([](const std::string&, std::uint32_t) {});
    }

  private:
    struct Slot {
        std::string term;
        std::uint32_t hash = 0;
        std::uint32_t count = 0;  ///< 0: empty
    };

    static std::uint32_t hash(std::string_view s) {
        std::uint32_t h = 2166136261u;  // FNV-1a
        for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
        return h;
    }

    void grow() {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.resize(old.empty() ? 1024 : old.size() * 2);
        std::vector<std::uint32_t> old_used;
        old_used.swap(used_);
        const std::size_t mask = slots_.size() - 1;
        for (const std::uint32_t k : old_used) {
            Slot& from = old[k];
            std::size_t i = from.hash & mask;
            while (slots_[i].count != 0) i = (i + 1) & mask;
            slots_[i] = std::move(from);
            used_.push_back(static_cast<std::uint32_t>(i));
        }
    }

    std::vector<Slot> slots_;
    std::vector<std::uint32_t> used_;  ///< occupied slots, in insertion order
};

}  // namespace tigris
