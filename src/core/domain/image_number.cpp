#include "core/domain/image_number.hpp"

#include "core/domain/city.hpp"
#include "core/util/digits.hpp"

namespace rs {
namespace {
constexpr int kM = 36;
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

int value_of(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return 10 + (c - 'A');
  return -1;
}

// Runs the hybrid system's recurrence over `s`; returns -1 on a character outside the alphabet.
int mod37_36_state(std::string_view s) {
  int p = kM;
  for (char c : s) {
    int a = value_of(c);
    if (a < 0) return -1;
    int sum = (p + a) % kM;
    if (sum == 0) sum = kM;
    p = (2 * sum) % (kM + 1);
  }
  return p;
}

bool is_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

char mod37_36_check_char(std::string_view s) {
  int p = mod37_36_state(s);
  if (p < 0) return '\0';
  return kAlphabet[(kM + 1 - p) % kM];
}

bool mod37_36_valid(std::string_view s) {
  if (s.size() < 2) return false;
  int p = mod37_36_state(s.substr(0, s.size() - 1));
  int c = value_of(s.back());
  if (p < 0 || c < 0) return false;
  // Appending the check character brings the state to exactly 1.
  int sum = (p + c) % kM;
  return sum == 1;
}

std::string format_image_number(const ImageNumberParts& p) {
  std::string s = "GD";
  s.reserve(16);
  s.push_back(p.group);
  s.push_back(p.city_letter);
  append_digits(s, p.yy % 100, 2);
  append_digits(s, p.mm, 2);
  append_digits(s, p.dd, 2);
  append_digits(s, p.serial, 5);
  s.push_back(mod37_36_check_char(s));
  return s;
}

ImageNumberParse parse_image_number(std::string_view t) {
  auto bad = [](std::string why) { return ImageNumberParse{std::nullopt, std::move(why)}; };
  if (t.size() != 16) return bad("must be 16 characters, got " + std::to_string(t.size()));
  for (char c : t)
    if (value_of(c) < 0) return bad("holds a character outside 0-9 and A-Z");
  if (t.substr(0, 2) != "GD") return bad("must start with GD");
  ImageNumberParts p;
  p.group = t[2];
  if (std::string_view("ISRHPDX").find(p.group) == std::string_view::npos)
    return bad(std::string("unknown document group '") + p.group + "'");
  p.city_letter = t[3];
  if (!city_by_letter(p.city_letter)) return bad(std::string("unknown city letter '") + p.city_letter + "'");
  if (!is_digits(t.substr(4, 11))) return bad("date and serial (characters 5-15) must be digits");
  p.yy = to_int(t.substr(4, 2));
  p.mm = to_int(t.substr(6, 2));
  p.dd = to_int(t.substr(8, 2));
  p.serial = to_int(t.substr(10, 5));
  if (p.mm < 1 || p.mm > 12 || p.dd < 1 || p.dd > 31) return bad("issue date is not a date");
  if (p.serial < 1) return bad("serial 00000 is never issued");
  if (!mod37_36_valid(t)) return bad("check character does not match (a character is wrong or two are swapped)");
  return {p, {}};
}

}  // namespace rs
