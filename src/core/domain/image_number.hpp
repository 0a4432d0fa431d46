#pragma once
// The product's 16-character image number (../shared/reference/receipts.md):
//   GD | group | city letter | yymmdd | serial 00001-99999 | ISO/IEC 7064 MOD 37,36 check character
#include <optional>
#include <string>
#include <string_view>

namespace rs {

// ISO/IEC 7064 hybrid MOD 37,36 over the alphabet 0-9A-Z. Returns '\0' if `s` holds a character
// outside the alphabet.
char mod37_36_check_char(std::string_view s);
bool mod37_36_valid(std::string_view s_with_check);

struct ImageNumberParts {
  char group = 0;        // I S R H P D X
  char city_letter = 0;  // A..W without I and O
  int yy = 0, mm = 0, dd = 0;
  int serial = 0;  // 1..99999
};

std::string format_image_number(const ImageNumberParts& p);

struct ImageNumberParse {
  std::optional<ImageNumberParts> parts;
  std::string error;  // why the text is malformed; empty when parts is set
};
// Structure and check character; a number that fails either is malformed, never "not found".
ImageNumberParse parse_image_number(std::string_view text);

}  // namespace rs
