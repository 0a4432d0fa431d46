#pragma once
// Pure text helpers of the receipt: {placeholder} templates and line wrapping. Kept apart from the
// cairo code so they have their own doctest cases.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rs::issuing {

// Names a layout may use inside {braces}: image_number doc_type doc_group group_name city
// applicant_name id_number (always masked) issue_date expiry_date order_no.
const std::vector<std::string>& receipt_placeholders();

// Returns the first problem of a template ("unknown placeholder {foo}", "unclosed '{'"), or "".
std::string check_template(std::string_view tmpl);

// Replaces every {name} by values.at(name). check_template must have passed.
std::string expand_template(std::string_view tmpl, const std::map<std::string, std::string>& values);

// Splits UTF-8 text into code points (one std::string each); invalid bytes become U+FFFD
// (strictly: overlong forms, surrogates and anything past U+10FFFF are invalid too).
std::vector<std::string> utf8_code_points(std::string_view s);

// The value of one code point as utf8_code_points() returns it (valid UTF-8 of 1-4 bytes).
char32_t code_point_value(std::string_view one);

// Greedy wrapping for CJK text: a line may break between any two Chinese characters, but a run
// of ASCII letters, digits and '-' (a date, an order number) is never split unless it is wider
// than a whole line. `width_of` measures a piece of text in the same unit as `max_width`.
std::vector<std::string> wrap_text(std::string_view text, double max_width,
                                   const std::function<double(std::string_view)>& width_of);

}  // namespace rs::issuing
