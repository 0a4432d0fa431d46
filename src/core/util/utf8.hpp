#pragma once
// UTF-8 at the boundaries: everything that comes from outside (manifests, --user, reasons' text,
// file names) is checked here before it is stored, so export and the outbox never meet bytes a
// JSON writer refuses.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rs::utf8 {

// Strictly valid UTF-8: no overlong forms, no surrogates (U+D800-DFFF), nothing past U+10FFFF.
bool valid(std::string_view s);

// Code points in a valid string (the length a person counts); for invalid input, the bytes.
std::size_t length(std::string_view s);

// Invalid sequences replaced by U+FFFD, valid text unchanged (for data stored before the checks).
std::string sanitised(std::string_view s);

// The first code point a name or free text must not hold: C0/C1 controls (tab and newline
// included), DEL, bidirectional overrides and isolates (U+202A-202E, U+2066-2069, which reorder
// what a reviewer reads), and U+FEFF. nullopt when none; assumes valid UTF-8.
std::optional<char32_t> first_forbidden(std::string_view s, bool allow_newlines = false);

// "U+2A6A5", for messages.
std::string code_point_name(char32_t c);

// What text from outside must be before it is stored. A replacement character U+FFFD counts as
// invalid: it is what a lossy conversion upstream left where a character was.
struct TextRules {
  std::size_t max_chars = 0;  // 0: no limit
  bool allow_empty = true;
  bool allow_newlines = false;  // free text (the reviewer's 其他 text) may have several lines
};

// One line naming `field` and its problem ("applicant_name is not valid UTF-8", "--user holds the
// control character U+202E", "... is longer than 50 characters", "... is empty"); empty when the
// text follows the rules. Every check of outside text goes through here.
std::string text_problem(std::string_view field, std::string_view text, const TextRules& rules = {});

}  // namespace rs::utf8
