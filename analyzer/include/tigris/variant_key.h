// tigris: the variant key, which folds spellings of one romanized Arabic name together.
#pragma once

#include <string>
#include <string_view>

namespace tigris {

/// Computes the variant key of a name: the spelling classes of romanized Arabic
/// folded to one letter each, so that many spellings of one name share a key.
///
/// One deterministic key per word cannot serve recall and precision at once (it joins
/// Hamed and Hamad, and keeps Kazem and Kazim apart): tigris's own analyzer matches
/// names with NameScorer instead. The key serves VariantStemmer, the one-word stemmer
/// for applications that keep Xapian's TermGenerator and QueryParser.
///
/// The input is a normalized word (lower case, no diacritics) without article or
/// possessive. The rules, in order:
///  - ayn/hamza marks go (Shi'a → shia, Ba'th → bath);
///  - qaf: q and c (not in ch) read k (Qaeda/Kaida, Moqtada/Moktada); kh reads k
///    (Sheikh/Sheik);
///  - digraphs: dh → z, gh → g, ph → f, dj → j;
///  - damma: o, ou, oo → u (Moqtada/Muqtada, Nouri/Nuri);
///  - diphthongs: ai, ay, ei, ey, ae → ai (Jaish/Jaysh/Jeish, Husayn/Hussein,
///    Qaeda/Qaida); kasra ee, and y before a consonant, → i (Hakeem/Hakim, Mahdy);
///  - fatha: any other e → a (Mehdi/Mahdi, Kerbela/Karbala), except an initial e and
///    the e of a word with no other vowel (Beth is not Baath, Eman not Aman);
///  - long a and u written once (Baath/Ba'th; a doubled i is two sounds: Shi'i is not
///    Shi); shadda: a doubled consonant written
///    once in words of six or more letters (Fallujah/Falujah, Hussein/Husein), not in
///    shorter ones, where it tells names apart (Amman/Aman);
///  - ta marbuta: a final h after a vowel goes (Basrah/Basra, -iyah/-iya/-iyya).
/// The initial vowel keeps its class, so Amman (amman) and Oman (uman), Iran and Iraq
/// (iran, irak) stay apart. A word with letters outside a–z keeps its letters as they
/// are (only marks are removed): no rule here is meant for other scripts.
std::string variant_key(std::string_view word);

}  // namespace tigris
