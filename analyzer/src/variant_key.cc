#include "tigris/variant_key.h"

namespace tigris {

namespace {
bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
}  // namespace

std::string variant_key(std::string_view word) {
    std::string s;
    s.reserve(word.size());
    bool ascii = true;
    for (const char ch : word) {
        if (ch == '\'' || ch == '-') continue;
        if (static_cast<unsigned char>(ch) >= 0x80 || !(ch >= 'a' && ch <= 'z')) ascii = false;
        s += ch;
    }
    if (!ascii) return s;

    // The fatha rule (e reads a) needs another vowel in the word: a lone e is more
    // often a Western name (Beth, Betts) than a transliteration.
    std::size_t vowels_not_e = 0;
    for (const char c : s) vowels_not_e += (c == 'a' || c == 'i' || c == 'o' || c == 'u') ? 1 : 0;
    const bool fold_e = vowels_not_e > 0;

    std::string out;
    out.reserve(s.size());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[i];
        const char next = i + 1 < n ? s[i + 1] : '\0';
        const char after = i + 2 < n ? s[i + 2] : '\0';
        switch (c) {
            case 'q':
                out += 'k';
                break;
            case 'c':
                if (next == 'h') {
                    out += "ch";
                    ++i;
                } else {
                    out += 'k';
                    if (next == 'k') ++i;
                }
                break;
            case 'k':
                out += 'k';
                if (next == 'h') ++i;
                break;
            case 'd':
                if (next == 'h') {
                    out += 'z';
                    ++i;
                } else if (next == 'j') {
                    out += 'j';
                    ++i;
                } else {
                    out += 'd';
                }
                break;
            case 'g':
                out += 'g';
                if (next == 'h') ++i;
                break;
            case 'p':
                if (next == 'h') {
                    out += 'f';
                    ++i;
                } else {
                    out += 'p';
                }
                break;
            case 'o':
                out += 'u';
                if (next == 'u' || next == 'o') ++i;
                break;
            case 'a':
            case 'e':
                if (c == 'e' && next == 'e') {
                    out += 'i';
                    ++i;
                } else if (next == 'i' || (c == 'a' && next == 'e') ||
                           (next == 'y' && !is_vowel(after))) {
                    // A diphthong: at the start of a word it keeps its first letter.
                    out += (i == 0 && c == 'e') ? "ei" : "ai";
                    ++i;
                } else if (c == 'e' && (i == 0 || !fold_e)) {
                    out += 'e';  // the initial vowel keeps its class: Eman is not Aman
                } else {
                    out += 'a';
                }
                break;
            case 'y':
                out += (i == 0 || is_vowel(next)) ? 'y' : 'i';
                break;
            default:
                out += c;
                break;
        }
    }
    // Long a and u are written once (Baath, Ba'th; Daawa, Da'wa). A doubled i stays:
    // in Shi'i and Shiite it is two sounds (the Chinese name Shi is another word).
    std::string v;
    v.reserve(out.size());
    for (const char c : out) {
        if (v.empty() || v.back() != c || (c != 'a' && c != 'u')) v += c;
    }
    // Ta marbuta: a final h after a vowel goes.
    if (v.size() > 2 && v.back() == 'h' && is_vowel(v[v.size() - 2])) v.pop_back();
    // Shadda: a doubled consonant is written once, in words long enough that doubling
    // is spelling (Fallujah, Hussein); in short ones it tells names apart (Amman, Aman).
    // (A plural s does not count: Ammans is read as Amman is.)
    const std::size_t length = (v.size() > 1 && v.back() == 's') ? v.size() - 1 : v.size();
    if (length < 6) return v;
    std::string key;
    key.reserve(v.size());
    for (const char c : v) {
        if (key.empty() || key.back() != c) key += c;
    }
    return key;
}

}  // namespace tigris
