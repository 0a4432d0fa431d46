#include "core/util/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/util/digits.hpp"

namespace rs {
namespace {
// Length of the UTF-8 sequence starting at s[i], or 0 when it is not well formed.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 0;
  return n;
}
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_length(s, i);
      if (n == 0) throw std::invalid_argument("text is not valid UTF-8 at byte " + std::to_string(i));
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          append_hex(out, c, 2);
        } else {
          out.push_back(char(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

void JsonWriter::key(std::string_view k) {
  if (out_.size() > 1) out_.push_back(',');
  append_json_string(out_, k);
  out_.push_back(':');
}

JsonWriter& JsonWriter::text(std::string_view k, std::string_view value) {
  key(k);
  append_json_string(out_, value);
  return *this;
}

JsonWriter& JsonWriter::number(std::string_view k, std::int64_t value) {
  key(k);
  append_digits(out_, value, 1);
  return *this;
}

JsonWriter& JsonWriter::real(std::string_view k, double value) {
  key(k);
  if (!std::isfinite(value)) {
    out_ += "null";
    return *this;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 6);
  out_.append(buf, ec == std::errc() ? end : buf);
  return *this;
}

JsonWriter& JsonWriter::boolean(std::string_view k, bool value) {
  key(k);
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::texts(std::string_view k, std::span<const std::string> values) {
  key(k);
  out_.push_back('[');
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out_.push_back(',');
    append_json_string(out_, values[i]);
  }
  out_.push_back(']');
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view k, std::string_view json_value) {
  key(k);
  out_.append(json_value);
  return *this;
}

}  // namespace rs
