#pragma once
// Writes one flat JSON object field by field, straight into a string. The decision path writes
// three small records per decision (applicant message, audit detail); building them as
// nlohmann::json trees first cost about a sixth of a decision's CPU time. Values are checked to
// be UTF-8, as nlohmann's dump would, so a bad byte is an error rather than a broken record.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace rs {

class JsonWriter {
 public:
  JsonWriter& text(std::string_view key, std::string_view value);
  JsonWriter& number(std::string_view key, std::int64_t value);
  JsonWriter& real(std::string_view key, double value);  // 6 significant digits; null when not finite
  JsonWriter& boolean(std::string_view key, bool value);
  JsonWriter& texts(std::string_view key, std::span<const std::string> values);
  JsonWriter& raw(std::string_view key, std::string_view json_value);  // already valid JSON
  std::string str() const { return out_ + "}"; }

 private:
  void key(std::string_view k);
  std::string out_ = "{";
};

// Appends s as a JSON string literal; throws std::invalid_argument when s is not UTF-8.
void append_json_string(std::string& out, std::string_view s);

}  // namespace rs
