#include "core/util/utf8.hpp"

#include <cstdint>
#include <cstdio>

namespace rs::utf8 {
namespace {

// Decodes one code point at s[i]; returns its byte length, or 0 when the sequence is invalid.
std::size_t decode(std::string_view s, std::size_t i, char32_t& out) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint8_t>(s[i + k]); };
  const std::uint8_t c = b(0);
  std::size_t n = 0;
  char32_t cp = 0, min = 0;
  if (c < 0x80) {
    out = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() - i < n) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  out = cp;
  return n;
}

}  // namespace

bool valid(std::string_view s) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t length(std::string_view s) {
  std::size_t count = 0;
  char32_t cp;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const std::size_t n = decode(s, i, cp);
    if (n == 0) return s.size();
    i += n;
  }
  return count;
}

std::string sanitised(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode(s, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for each byte that does not start a valid sequence
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::optional<char32_t> first_forbidden(std::string_view s, bool allow_newlines) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode(s, i, cp);
    if (n == 0) return U'\uFFFD';
    i += n;
    if (allow_newlines && (cp == '\n' || cp == '\r')) continue;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return cp;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF) return cp;
  }
  return std::nullopt;
}

std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

std::string text_problem(std::string_view field, std::string_view text, const TextRules& rules) {
  const std::string name(field);
  if (text.empty()) return rules.allow_empty ? std::string() : name + " is empty";
  if (!valid(text) || text.find("\xEF\xBF\xBD") != std::string_view::npos) return name + " is not valid UTF-8";
  if (auto c = first_forbidden(text, rules.allow_newlines))
    return name + " holds the control character " + code_point_name(*c);
  if (rules.max_chars && length(text) > rules.max_chars)
    return name + " is longer than " + std::to_string(rules.max_chars) + " characters";
  return {};
}

}  // namespace rs::utf8
