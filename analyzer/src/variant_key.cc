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
            case 't':
            case 'g':
                out += c;
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
                    out += "ai";
                    ++i;
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
    // Shadda: a doubled letter is written once.
    std::string key;
    key.reserve(out.size());
    for (const char c : out) {
        if (key.empty() || key.back() != c) key += c;
    }
    // Ta marbuta: a final h after a vowel goes.
    if (key.size() > 2 && key.back() == 'h' && is_vowel(key[key.size() - 2])) key.pop_back();
    return key;
}

}  // namespace tigris
