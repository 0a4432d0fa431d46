#pragma once
// Which characters a receipt can print. cairo draws a run of text with one font and has no
// per-character fallback of its own, so the receipt looks up every character that its layout's
// font lacks in a fixed chain of fallback families (the same chain here and in the painter):
// a name with a rare character (生僻字 such as 𪚥 U+2A6A5, CJK Extension B and beyond) prints in
// 花园明朝 (fonts-hanazono) beside the other characters in Noto Sans CJK.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs::issuing {

// After the layout's own font, in this order: Noto Sans CJK SC (the default text font, also behind
// a layout that names another), HanaMinA (BMP ideographs and some of Extension B), HanaMinB
// (Extensions B-F), DejaVu Sans (symbols, U+FFFD). A family that is not installed is skipped.
const std::vector<std::string>& receipt_fallback_families();

// The text as the receipt prints it: invalid UTF-8 as U+FFFD; tab, newline and the other C0
// white-space as one space; other control and invisible format characters (C0/C1 controls, DEL,
// bidirectional controls, zero-width characters, BOM, variation selectors, tags) dropped, since
// no font draws them and a name must never stop a receipt.
std::string printable_text(std::string_view text);

// Why `text` (a field of the receipt, e.g. the applicant's name) could not be printed on this
// machine: "applicant name: U+10FFFD (in \"张\xF4\x8F\xBF\xBD\") is in none of the receipt's fonts
// (Noto Sans CJK SC, HanaMinA, HanaMinB, DejaVu Sans)". nullopt when every character prints.
// Checked as printable_text() leaves it, against the default font and the fallback chain, so a
// text accepted here renders with every shipped layout. For the decision path: an approval whose
// receipt could never be printed is refused at once, with this reason. Cheap after the first call
// (the fonts load once, see load_receipt_fonts; then ~0.1 µs per character; thread-safe).
std::optional<std::string> receipt_text_problem(std::string_view text, std::string_view field = "applicant name");

// Loads the fonts receipt_text_problem uses now (~40 ms once per process: fontconfig and four
// font files), e.g. on a workstation's loading thread, so that its first approval does not wait.
void load_receipt_fonts();

}  // namespace rs::issuing
