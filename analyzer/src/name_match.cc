#include "tigris/name_match.h"

#include "fnv1a.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace tigris {

namespace {

constexpr std::size_t kMaxSpelling = 32;
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr std::uint32_t kSideCodes = 28 * 28 * 28;  // every side of at most three letters

// a–z are 1–26, ' is 27; anything else cannot be scored.
int letter_code(char c) {
    if (c >= 'a' && c <= 'z') return c - 'a' + 1;
    return c == '\'' ? 27 : -1;
}

// The code of a side of at most three letters: base 28, "" is 0. Letters are never 0,
// so every side has its own code.
std::uint32_t side_code(std::string_view s) {
    std::uint32_t code = 0;
    for (const char c : s) code = code * 28 + static_cast<std::uint32_t>(letter_code(c));
    return code;
}

std::uint64_t multi_key(std::uint32_t a, std::uint32_t b, EditPlace place) {
    return (static_cast<std::uint64_t>(a) * kSideCodes + b) * kEditPlaces + static_cast<std::uint64_t>(place);
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The letters an article's l is written as before them (the sun letters that are one
// Latin letter: Abdurrahman, Abdussalam, Abdennour, Nasreddin).
bool is_sun_letter(char c) { return c == 't' || c == 'd' || c == 'r' || c == 'z' || c == 's' || c == 'n' || c == 'l'; }

// The least a compound keeps around its article: Abd's name (Abdullah: lah), the name
// before al-Din (Nasr).
constexpr std::size_t kCompoundTail = 2, kCompoundHead = 3;

// A consonant letter: not a vowel, nor y or w (which also write vowels), nor a mark.
bool is_consonant(char c) { return !is_vowel(c) && c != 'y' && c != 'w' && c != '\''; }

// Whether the two letters before position @p i of @p s are two consonants, not one
// written with two letters (sh, kh, th, dh, gh, zh, ch, ph).
bool after_cluster(std::string_view s, std::size_t i) {
    if (i < 2 || !is_consonant(s[i - 1]) || !is_consonant(s[i - 2])) return false;
    const char first = s[i - 2];
    return !(s[i - 1] == 'h' && (first == 's' || first == 'k' || first == 't' || first == 'd' || first == 'g' ||
                                 first == 'z' || first == 'c' || first == 'p'));
}

}  // namespace

std::optional<CompoundArticle> compound_article(std::string_view s) {
    if (s.size() > 3 && s.substr(0, 3) == "abd") {
        // abd, the article's vowel, then its l or the sun letter doubled, then the name.
        std::size_t i = 3;
        const std::size_t vowel = s.compare(i, 2, "ou") == 0 ? 2 : is_vowel(s[i]) ? 1 : 0;
        if (vowel == 0) return std::nullopt;
        i += vowel;
        if (i + 1 >= s.size()) return std::nullopt;
        const bool l = s[i] == 'l';
        const bool sun = is_sun_letter(s[i]) && s[i + 1] == s[i];
        if ((!l && !sun) || s.size() - (i + 1) < kCompoundTail) return std::nullopt;
        return CompoundArticle{3, vowel + 1};
    }
    for (const std::string_view din : {"din", "deen", "dine"}) {
        if (s.size() <= din.size() || s.substr(s.size() - din.size()) != din) continue;
        // The name, the article's vowel, its l or a d doubled or nothing, then din.
        const std::size_t end = s.size() - din.size();
        std::size_t i = end;
        if (s[i - 1] == 'l' || s[i - 1] == 'd') --i;
        if (i == 0 || !is_vowel(s[i - 1])) return std::nullopt;
        --i;
        if (i < kCompoundHead) return std::nullopt;
        return CompoundArticle{i, end - i};
    }
    return std::nullopt;
}

std::string fold_compound_article(std::string_view s) {
    const std::optional<CompoundArticle> article = compound_article(s);
    if (!article) return std::string(s);
    std::string out(s.substr(0, article->begin));
    out += "al";
    out += s.substr(article->begin + article->size);
    return out;
}

bool takes_group_plural(std::string_view singular) {
    constexpr std::size_t kShortestI = 4, kShortest = 5;
    auto ends = [&](std::string_view end) {
        return singular.size() >= end.size() && singular.substr(singular.size() - end.size()) == end;
    };
    if (ends("i")) return singular.size() >= kShortestI;
    return singular.size() >= kShortest && (ends("ite") || ends("ist") || ends("ian") || ends("ean"));
}

std::string_view group_plural_base(std::string_view spelling) {
    if (spelling.empty() || spelling.back() != 's') return {};
    const std::string_view base = spelling.substr(0, spelling.size() - 1);
    return takes_group_plural(base) ? base : std::string_view();
}

bool scorable_spelling(std::string_view s) {
    if (s.size() < 2 || s.size() > kMaxSpelling) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return letter_code(c) > 0; });
}

std::string name_block_key(std::string_view spelling) {
    std::string bare;
    bare.reserve(spelling.size());
    for (const char c : spelling) {
        if (letter_code(c) < 0) return "";
        if (c != '\'') bare += c;
    }
    std::string w = fold_compound_article(bare);
    // Ta marbuta: a final h after a vowel is often not written (Basrah, Basra).
    if (w.size() > 2 && w.back() == 'h' && (is_vowel(w[w.size() - 2]) || w[w.size() - 2] == 'y')) w.pop_back();
    std::string key;
    auto put = [&](char k) {
        if (key.empty() || key.back() != k) key += k;  // a doubled class is written once
    };
    for (std::size_t i = 0; i < w.size(); ++i) {
        const char c = w[i];
        const char next = i + 1 < w.size() ? w[i + 1] : '\0';
        if (next == 'h' && (c == 'k' || c == 'g')) {  // kh, gh
            put('K');
            ++i;
        } else if (next == 'h' && (c == 's' || c == 'c')) {  // sh, French ch
            put('S');
            ++i;
        } else if (next == 'h' && (c == 't' || c == 'd' || c == 'z')) {  // th, dh, zh
            put('T');
            ++i;
        } else if (c == 'p' && next == 'h') {
            put('F');
            ++i;
        } else if (c == 'd' && next == 'j') {  // French dj for jim
            put('K');
            ++i;
        } else if (c == 'c') {
            // French c before e, i, y reads s (Mohcine); else k.
            put(next == 'e' || next == 'i' || next == 'y' ? 'S' : 'K');
        } else if (c == 'q' || c == 'k' || c == 'g' || c == 'j') {
            put('K');
        } else if (c == 'x') {
            put('K');
            put('S');
        } else if (c == 't' || c == 'd' || c == 'z') {
            put('T');
        } else if (c == 's') {
            put('S');
        } else if (c == 'b' || c == 'p') {
            put('B');
        } else if (c == 'f') {
            put('F');
        } else if (is_vowel(c) || c == 'w' || c == 'v' || c == 'y') {
            // Vowels and the letters that write long vowels (waw, ya) vary the most.
        } else {
            put(c);  // h l m n r stay themselves
        }
    }
    return key;
}

std::string NameComparison::describe() const {
    std::string out;
    for (const SpellingEdit& e : edits) {
        if (!out.empty()) out += ", ";
        out += (e.a.empty() ? "-" : e.a) + "/" + (e.b.empty() ? "-" : e.b);
    }
    return out;
}

bool NameComparison::only_long_vowels() const {
    // A vowel letter and the two letters that write it long.
    static constexpr std::string_view kLong[][2] = {
        {"a", "aa"}, {"i", "ee"}, {"i", "ii"}, {"u", "oo"}, {"u", "ou"}, {"u", "uu"}, {"o", "ou"}, {"o", "oo"},
    };
    return std::all_of(edits.begin(), edits.end(), [](const SpellingEdit& e) {
        return std::any_of(std::begin(kLong), std::end(kLong), [&](const auto& pair) {
            return (e.a == pair[0] && e.b == pair[1]) || (e.a == pair[1] && e.b == pair[0]);
        });
    });
}

NameScorer::NameScorer(const std::vector<EditCost>& costs, double threshold, double short_penalty)
    : costs_(costs),
      threshold_(threshold),
      short_penalty_(short_penalty),
      single_(kEditPlaces * kLetters * kLetters, kInf),
      is_side_(kSideCodes, false) {
    std::string all = std::to_string(threshold) + "/" + std::to_string(short_penalty);
    for (const EditCost& c : costs_) {
        all += "|" + c.a + "/" + c.b + "@" + std::to_string(static_cast<int>(c.place)) + "=" + std::to_string(c.cost);
    }
    fingerprint_ = fnv1a64(all);
    for (const EditCost& c : costs_) {
        const std::string_view sides[2] = {c.a, c.b};
        for (const std::string_view s : sides) {
            if (s.size() > 3 || std::any_of(s.begin(), s.end(), [](char ch) { return letter_code(ch) < 0; })) {
                throw std::invalid_argument("name cost side \"" + std::string(s) + "\" is not up to three of a-z and '");
            }
        }
        const std::uint32_t a = side_code(c.a), b = side_code(c.b);
        const auto cost = static_cast<float>(c.cost);
        const auto place = static_cast<std::size_t>(c.place);
        if (c.a.size() <= 1 && c.b.size() <= 1) {
            single_[(place * kLetters + a) * kLetters + b] = cost;
            single_[(place * kLetters + b) * kLetters + a] = cost;
        } else {
            multi_[multi_key(a, b, c.place)] = cost;
            multi_[multi_key(b, a, c.place)] = cost;
            is_side_[a] = is_side_[b] = true;
        }
    }
}

float NameScorer::lookup(std::uint32_t a, std::uint32_t b, EditPlace place) const {
    if (a < kLetters && b < kLetters) {
        const float c = single_[(static_cast<std::size_t>(place) * kLetters + a) * kLetters + b];
        if (c != kInf || place == EditPlace::Anywhere) return c;
        return single_[a * kLetters + b];
    }
    if (!is_side_[a] || !is_side_[b]) return kInf;
    auto it = multi_.find(multi_key(a, b, place));
    if (it == multi_.end() && place != EditPlace::Anywhere) it = multi_.find(multi_key(a, b, EditPlace::Anywhere));
    return it == multi_.end() ? kInf : it->second;
}

// The steps of the cheapest alignment, for compare(): how many letters of each
// spelling each step took, and where back pointers lead.
struct NameScorer::Path {
    std::array<std::array<std::uint8_t, kMaxSpelling + 1>, kMaxSpelling + 1> step{};
    std::array<std::array<float, kMaxSpelling + 1>, kMaxSpelling + 1> cost{};
    std::array<std::array<EditPlace, kMaxSpelling + 1>, kMaxSpelling + 1> place{};
};

double NameScorer::align(std::string_view a, std::string_view b, double limit, Path* path) const {
    if (a == b) return 0;
    if (!scorable_spelling(a) || !scorable_spelling(b)) return std::numeric_limits<double>::infinity();
    const std::size_t n = a.size(), m = b.size();
    // Codes of the sides ending at each position: code[i][l] is a.substr(i - l, l).
    std::uint32_t code_a[kMaxSpelling + 1][4] = {}, code_b[kMaxSpelling + 1][4] = {};
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t l = 1; l <= 3 && l <= i; ++l) code_a[i][l] = side_code(a.substr(i - l, l));
    }
    for (std::size_t j = 1; j <= m; ++j) {
        for (std::size_t l = 1; l <= 3 && l <= j; ++l) code_b[j][l] = side_code(b.substr(j - l, l));
    }
    // Whether a vowel comes before position i (after it) in each spelling.
    bool vowel_before_a[kMaxSpelling + 2] = {}, vowel_after_a[kMaxSpelling + 2] = {};
    bool vowel_before_b[kMaxSpelling + 2] = {}, vowel_after_b[kMaxSpelling + 2] = {};
    for (std::size_t i = 1; i <= n; ++i) vowel_before_a[i] = vowel_before_a[i - 1] || is_vowel(a[i - 1]);
    for (std::size_t j = 1; j <= m; ++j) vowel_before_b[j] = vowel_before_b[j - 1] || is_vowel(b[j - 1]);
    for (std::size_t i = n; i-- > 0;) vowel_after_a[i] = vowel_after_a[i + 1] || is_vowel(a[i]);
    for (std::size_t j = m; j-- > 0;) vowel_after_b[j] = vowel_after_b[j + 1] || is_vowel(b[j]);
    auto place_of = [&](std::size_t i0, std::size_t j0, std::size_t i1, std::size_t j1) {
        if (i0 == 0 && j0 == 0) return EditPlace::Start;
        if (i1 == n && j1 == m) return EditPlace::End;
        if (after_cluster(a, i0) || after_cluster(b, j0)) return EditPlace::Cluster;
        if (!vowel_before_a[i0] && !vowel_before_b[j0]) return EditPlace::First;
        if (!vowel_after_a[i1] && !vowel_after_b[j1]) return EditPlace::Last;
        return EditPlace::Anywhere;
    };
    float d[kMaxSpelling + 1][kMaxSpelling + 1];
    float row_min[kMaxSpelling + 1];
    for (std::size_t i = 0; i <= n; ++i) {
        row_min[i] = kInf;
        for (std::size_t j = 0; j <= m; ++j) {
            if (i == 0 && j == 0) {
                d[0][0] = row_min[0] = 0;
                continue;
            }
            float best = kInf, best_cost = 0;
            std::uint8_t how = 0;
            if (i > 0 && j > 0 && a[i - 1] == b[j - 1]) {
                best = d[i - 1][j - 1];
                how = 1 * 4 + 1;
            }
            for (std::size_t la = 0; la <= 3 && la <= i; ++la) {
                for (std::size_t lb = 0; lb <= 3 && lb <= j; ++lb) {
                    if ((la == 0 && lb == 0) || (la == 1 && lb == 1 && a[i - 1] == b[j - 1])) continue;
                    const float before = d[i - la][j - lb];
                    if (before >= best) continue;
                    const float c = lookup(code_a[i][la], code_b[j][lb], place_of(i - la, j - lb, i, j));
                    if (before + c < best) {
                        best = before + c;
                        best_cost = c;
                        how = static_cast<std::uint8_t>(la * 4 + lb);
                    }
                }
            }
            d[i][j] = best;
            row_min[i] = std::min(row_min[i], best);
                    if (path) {
                path->step[i][j] = how;
                path->cost[i][j] = best_cost;
                path->place[i][j] = place_of(i - how / 4, j - how % 4, i, j);
            }
        }
        // A step takes at most three letters: every path crosses one of any three rows.
        float bound = row_min[i];
        if (i >= 1) bound = std::min(bound, row_min[i - 1]);
        if (i >= 2) bound = std::min(bound, row_min[i - 2]);
        if (!path && bound > limit) return std::numeric_limits<double>::infinity();
    }
    return d[n][m];
}

namespace {
struct NameCostEntry {
    const char* a;
    const char* b;
    EditPlace place;
    double cost;
};
#include "name_costs.inc"
}  // namespace

std::shared_ptr<const NameScorer> NameScorer::builtin() {
    std::vector<EditCost> costs;
    for (const NameCostEntry& e : kNameCosts) costs.push_back({e.a, e.b, e.place, e.cost});
    return std::make_shared<const NameScorer>(costs, kNameThreshold, kNameShortPenalty);
}

namespace {
// @p s (a scorable spelling) without its marks, written into @p buf.
std::string_view without_marks(std::string_view s, char (&buf)[kMaxSpelling]) {
    std::size_t n = 0;
    for (const char c : s) {
        if (c != '\'') buf[n++] = c;
    }
    return {buf, n};
}
std::size_t letters_of(std::string_view s) { return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c != '\''; })); }
}  // namespace

double NameScorer::length_cost(std::size_t a_letters, std::size_t b_letters) const {
    const std::size_t shorter = std::min(a_letters, b_letters);
    return shorter >= kShortName ? 0.0 : short_penalty_ * static_cast<double>(kShortName - shorter);
}

namespace {

// fold_name_marks into @p out (room for kMaxSpelling letters); its length. @p part: the
// spelling is a part of a compound (lah of Abdullah), long enough for a ta marbuta.
std::size_t fold_into(std::string_view spelling, char* out, bool part = false) {
    char bare_buf[kMaxSpelling];
    const std::string_view bare = without_marks(spelling, bare_buf);
    // A compound's article as al (Abdurrahman, Abdulrahman; Nasreddin, Nasr al-Din),
    // when the spelling has room for it.
    std::optional<CompoundArticle> article = compound_article(bare);
    if (article && bare.size() - article->size + 2 > kMaxSpelling) article.reset();
    std::size_t n = 0;
    auto put = [&](char c) {
        if (c == 'a' && n > 0 && out[n - 1] == 'a') return;  // a long a written twice
        out[n++] = c;
    };
    for (std::size_t i = 0; i < bare.size(); ++i) {
        if (article && i == article->begin) {
            put('a');
            put('l');
            i += article->size - 1;
            continue;
        }
        put(bare[i]);
    }
    // Ta marbuta: -ah or -a. Not after another vowel: Saleh and Salih end in a ha.
    if ((n > 4 || (part && n > 2)) && out[n - 1] == 'h' && out[n - 2] == 'a') --n;
    return n;
}

}  // namespace

std::string fold_name_marks(std::string_view spelling) {
    if (spelling.size() > kMaxSpelling) return std::string(spelling);
    char buf[kMaxSpelling];
    return std::string(buf, fold_into(spelling, buf));
}

namespace {

// The parts of a compound (compound_article) that the scorer compares each as a word of
// its own: Abd's name after the article (Abdul Rahman, Abdul Rehman: rahman, rehman,
// whose first syllable is a first syllable), or the name before al-Din and din. Empty
// when @p bare (a spelling without marks) is no compound.
struct CompoundParts {
    bool abd = false;
    std::string_view article, name, din;
};

std::optional<CompoundParts> compound_parts(std::string_view bare) {
    const std::optional<CompoundArticle> a = compound_article(bare);
    if (!a) return std::nullopt;
    CompoundParts p;
    p.abd = a->begin == 3;
    p.article = bare.substr(a->begin, a->size);
    p.name = p.abd ? bare.substr(a->begin + a->size) : bare.substr(0, a->begin);
    if (!p.abd) p.din = bare.substr(a->begin + a->size);
    return p;
}

}  // namespace

double NameScorer::word_distance(std::string_view a_raw, std::string_view b_raw, double limit, bool part) const {
    char a_buf[kMaxSpelling], b_buf[kMaxSpelling];
    const std::string_view a(a_buf, fold_into(a_raw, a_buf, part)), b(b_buf, fold_into(b_raw, b_buf, part));
    if (a == b) return 0;
    const double extra = part ? 0.0 : length_cost(letters_of(a), letters_of(b));
    return align(a, b, limit - extra, nullptr) + extra;
}

double NameScorer::distance(std::string_view a_raw, std::string_view b_raw, double limit) const {
    if (a_raw == b_raw) return 0;
    if (!scorable_spelling(a_raw) || !scorable_spelling(b_raw)) return std::numeric_limits<double>::infinity();
    // On the candidate search's path: the spellings without marks on the stack.
    char a_buf[kMaxSpelling], b_buf[kMaxSpelling];
    const std::optional<CompoundParts> pa = compound_parts(without_marks(a_raw, a_buf));
    const std::optional<CompoundParts> pb = compound_parts(without_marks(b_raw, b_buf));
    if (pa && pb && pa->abd == pb->abd) {
        // Two compounds of one kind: their parts, each a word, the compound long enough
        // that a short part costs nothing more.
        double parts = word_distance(pa->name, pb->name, limit, true);
        if (!pa->abd && parts <= limit) parts += word_distance(pa->din, pb->din, limit - parts, true);
        if (parts == 0) return 0;
        // Or read whole, where parts misread the article: Abdulah is abd-ul-lah with one
        // l written for two (l/ll from Abdullah), not abd-ul-ah.
        return std::min(parts, word_distance(a_raw, b_raw, std::min(limit, parts), false));
    }
    return word_distance(a_raw, b_raw, limit, false);
}

NameComparison NameScorer::compare(std::string_view a_raw, std::string_view b_raw) const {
    NameComparison out;
    if (a_raw != b_raw && (!scorable_spelling(a_raw) || !scorable_spelling(b_raw))) {
        out.cost = std::numeric_limits<double>::infinity();
        return out;
    }
    if (a_raw == b_raw) {
        out.same = true;
        return out;
    }
    char a_buf[kMaxSpelling], b_buf[kMaxSpelling];
    const std::optional<CompoundParts> pa = compound_parts(without_marks(a_raw, a_buf));
    const std::optional<CompoundParts> pb = compound_parts(without_marks(b_raw, b_buf));
    // The fold reads two writings of a compound's article as one; say so.
    if (pa && pb && pa->article != pb->article) {
        out.edits.push_back({std::string(pa->article), std::string(pb->article), EditPlace::Anywhere, 0});
    }
    if (pa && pb && pa->abd == pb->abd) {
        NameComparison whole = out;
        compare_words(pa->name, pb->name, true, out);
        if (!pa->abd) compare_words(pa->din, pb->din, true, out);
        // The cheaper reading, as distance() takes it.
        compare_words(a_raw, b_raw, false, whole);
        if (whole.cost < out.cost) out = std::move(whole);
    } else {
        compare_words(a_raw, b_raw, false, out);
    }
    out.same = out.cost <= threshold_;
    return out;
}

void NameScorer::compare_words(std::string_view a_raw, std::string_view b_raw, bool part, NameComparison& out) const {
    char a_buf[kMaxSpelling], b_buf[kMaxSpelling];
    const std::string a(a_buf, fold_into(a_raw, a_buf, part)), b(b_buf, fold_into(b_raw, b_buf, part));
    if (a == b) return;
    Path path;
    const double cost = align(a, b, std::numeric_limits<double>::infinity(), &path);
    out.cost += cost + (part ? 0.0 : length_cost(letters_of(a), letters_of(b)));
    if (std::isinf(cost)) return;
    const std::size_t before = out.edits.size();
    std::size_t i = a.size(), j = b.size();
    while (i > 0 || j > 0) {
        const std::uint8_t how = path.step[i][j];
        const std::size_t la = how / 4, lb = how % 4;
        const std::string_view sa = std::string_view(a).substr(i - la, la), sb = std::string_view(b).substr(j - lb, lb);
        if (sa != sb) out.edits.push_back({std::string(sa), std::string(sb), path.place[i][j], path.cost[i][j]});
        i -= la;
        j -= lb;
    }
    std::reverse(out.edits.begin() + static_cast<std::ptrdiff_t>(before), out.edits.end());
}

}  // namespace tigris
