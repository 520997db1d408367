#include "tigris/variant_key.h"

#include <utility>

namespace tigris {

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// @p word without ayn and hamza marks and hyphens (Shi'a → shia); @p ascii is set to
// whether the rest is all a–z.
std::string without_marks(std::string_view word, bool& ascii) {
    std::string s;
    s.reserve(word.size());
    ascii = true;
    for (const char ch : word) {
        if (ch == '\'' || ch == '-') continue;
        if (static_cast<unsigned char>(ch) >= 0x80 || !(ch >= 'a' && ch <= 'z')) ascii = false;
        s += ch;
    }
    return s;
}

// Qaf and the digraphs: the class of the consonant at @p s[i] appended to @p out.
// Returns the letters read (a digraph is two), 0 when s[i] is not one of them.
std::size_t fold_consonant(std::string_view s, std::size_t i, std::string& out) {
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    switch (s[i]) {
        case 'q':
            out += 'k';
            return 1;
        case 'c':
            if (next == 'h') {
                out += "ch";
                return 2;
            }
            out += 'k';
            return next == 'k' ? 2 : 1;
        case 'k':
            out += 'k';
            return next == 'h' ? 2 : 1;
        case 'd':
            if (next == 'h') {
                out += 'z';
                return 2;
            }
            if (next == 'j') {
                out += 'j';
                return 2;
            }
            out += 'd';
            return 1;
        case 'g':
            out += 'g';
            return next == 'h' ? 2 : 1;
        case 'p':
            if (next == 'h') {
                out += 'f';
                return 2;
            }
            out += 'p';
            return 1;
        default:
            return 0;
    }
}

// Damma, kasra, fatha and the diphthongs: the class of the vowel at @p s[i] appended to
// @p out (e reads a only when @p fold_e). Returns the letters read, 0 when s[i] is not
// one of them.
std::size_t fold_vowel(std::string_view s, std::size_t i, bool fold_e, std::string& out) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    const char after = i + 2 < s.size() ? s[i + 2] : '\0';
    switch (c) {
        case 'o':
            out += 'u';
            return next == 'u' || next == 'o' ? 2 : 1;
        case 'a':
        case 'e':
            if (c == 'e' && next == 'e') {
                out += 'i';
                return 2;
            }
            if (next == 'i' || (c == 'a' && next == 'e') || (next == 'y' && !is_vowel(after))) {
                // A diphthong: at the start of a word it keeps its first letter.
                out += (i == 0 && c == 'e') ? "ei" : "ai";
                return 2;
            }
            if (c == 'e' && (i == 0 || !fold_e)) {
                out += 'e';  // the initial vowel keeps its class: Eman is not Aman
                return 1;
            }
            out += 'a';
            return 1;
        case 'y':
            out += (i == 0 || is_vowel(next)) ? 'y' : 'i';
            return 1;
        default:
            return 0;
    }
}

// Every letter of @p s (a–z only) in its class.
std::string fold_letters(std::string_view s) {
    // The fatha rule (e reads a) needs another vowel in the word: a lone e is more
    // often a Western name (Beth, Betts) than a transliteration.
    std::size_t vowels_not_e = 0;
    for (const char c : s) vowels_not_e += (c == 'a' || c == 'i' || c == 'o' || c == 'u') ? 1 : 0;
    const bool fold_e = vowels_not_e > 0;

    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::size_t read = fold_consonant(s, i, out);
        if (read == 0) read = fold_vowel(s, i, fold_e, out);
        if (read == 0) {
            out += s[i];
            read = 1;
        }
        i += read;
    }
    return out;
}

// Long a and u are written once (Baath, Ba'th; Daawa, Da'wa). A doubled i stays: in
// Shi'i and Shiite it is two sounds (the Chinese name Shi is another word).
std::string long_vowels_once(const std::string& s) {
    std::string v;
    v.reserve(s.size());
    for (const char c : s) {
        if (v.empty() || v.back() != c || (c != 'a' && c != 'u')) v += c;
    }
    return v;
}

// Shadda: a doubled consonant is written once, in words long enough that doubling is
// spelling (Fallujah, Hussein); in short ones it tells names apart (Amman, Aman).
// (A plural s does not count: Ammans is read as Amman is.)
std::string doubles_once(std::string v) {
    const std::size_t length = (v.size() > 1 && v.back() == 's') ? v.size() - 1 : v.size();
    if (length < 6) return v;
    std::string key;
    key.reserve(v.size());
    for (const char c : v) {
        if (key.empty() || key.back() != c) key += c;
    }
    return key;
}

}  // namespace

std::string variant_key(std::string_view word) {
    bool ascii = true;
    std::string s = without_marks(word, ascii);
    if (!ascii) return s;
    std::string v = long_vowels_once(fold_letters(s));
    // Ta marbuta: a final h after a vowel goes.
    if (v.size() > 2 && v.back() == 'h' && is_vowel(v[v.size() - 2])) v.pop_back();
    return doubles_once(std::move(v));
}

}  // namespace tigris
