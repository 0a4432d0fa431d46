#include "core/issuing/receipt_text.hpp"

#include <algorithm>

#include "core/issuing/receipt.hpp"
#include "core/util/utf8.hpp"

namespace rs::issuing {
namespace {
bool is_word_char(const std::string& cp) {
  if (cp.size() != 1) return false;
  char c = cp[0];
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.' ||
         c == ':' || c == '/';
}

// Chinese typesetting never starts a line with closing punctuation.
bool is_closing_punct(const std::string& cp) {
  static const std::vector<std::string> closing = {"，", "。", "、", "；", "：", "！", "？", "）",
                                                   "」", "》", ",",  ".",  ";",  ":",  ")"};
  return std::find(closing.begin(), closing.end(), cp) != closing.end();
}

// Units that must stay together on one line: an ASCII word, or a single other code point, each
// with the closing punctuation that follows it.
std::vector<std::string> wrap_units(std::string_view text) {
  std::vector<std::string> units;
  bool in_word = false;
  for (auto& cp : utf8_code_points(text)) {
    const bool word = is_word_char(cp);
    if (!units.empty() && ((word && in_word) || is_closing_punct(cp)))
      units.back() += cp;
    else
      units.push_back(cp);
    in_word = word && (in_word || units.back() == cp);
  }
  return units;
}

size_t code_point_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;  // continuation byte or invalid lead
}
}  // namespace

const std::vector<std::string>& receipt_placeholders() {
  static const std::vector<std::string> names = {"image_number", "doc_type",       "doc_group", "group_name",
                                                 "city",         "applicant_name", "id_number", "issue_date",
                                                 "expiry_date",  "order_no"};
  return names;
}

std::string check_template(std::string_view tmpl) {
  const auto& known = receipt_placeholders();
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '}') return "stray '}' at byte " + std::to_string(i);
    if (tmpl[i] != '{') continue;
    size_t close = tmpl.find('}', i);
    if (close == std::string_view::npos) return "unclosed '{' at byte " + std::to_string(i);
    std::string name(tmpl.substr(i + 1, close - i - 1));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : " ") + k;
      return "unknown placeholder {" + name + "} (known: " + list + ")";
    }
    i = close;
  }
  return {};
}

std::string expand_template(std::string_view tmpl, const std::map<std::string, std::string>& values) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    size_t close = tmpl[i] == '{' ? tmpl.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += tmpl[i];
      continue;
    }
    out += values.at(std::string(tmpl.substr(i + 1, close - i - 1)));
    i = close;
  }
  return out;
}

std::vector<std::string> utf8_code_points(std::string_view raw) {
  // Strict validation first (overlong forms and surrogates become U+FFFD too); what is left is
  // valid, so the loop below only splits.
  const std::string valid = utf8::sanitised(raw);
  const std::string_view s = valid;
  std::vector<std::string> cps;
  for (size_t i = 0; i < s.size();) {
    size_t n = code_point_length(static_cast<unsigned char>(s[i]));
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (!ok) {
      cps.emplace_back("\xEF\xBF\xBD");
      ++i;
      continue;
    }
    cps.emplace_back(s.substr(i, n));
    i += n;
  }
  return cps;
}

char32_t code_point_value(std::string_view one) {
  if (one.empty()) return 0;
  const auto lead = static_cast<unsigned char>(one[0]);
  const size_t n = std::min(code_point_length(lead), one.size());
  if (n <= 1) return lead;
  char32_t cp = lead & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(one[k]) & 0x3F);
  return cp;
}

std::vector<std::string> wrap_text(std::string_view text, double max_width,
                                   const std::function<double(std::string_view)>& width_of) {
  std::vector<std::string> lines;
  std::string line;
  for (const auto& unit : wrap_units(text)) {
    if (unit == "\n") {
      lines.push_back(line);
      line.clear();
      continue;
    }
    if (line.empty() && unit == " ") continue;  // no leading blank after a break
    if (!line.empty() && width_of(line + unit) > max_width) {
      lines.push_back(line);
      line.clear();
      if (unit == " ") continue;
    }
    if (line.empty() && width_of(unit) > max_width && unit.size() > 1) {
      // A word wider than a line: fall back to breaking it between characters.
      for (const auto& cp : utf8_code_points(unit)) {
        if (!line.empty() && width_of(line + cp) > max_width) {
          lines.push_back(line);
          line.clear();
        }
        line += cp;
      }
      continue;
    }
    line += unit;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string mask_id_number(const std::string& id) {
  // Masking by code point keeps a stray non-ASCII character from being cut in half.
  auto cps = utf8_code_points(id);
  const size_t n = cps.size();
  // 6 + 4 visible needs at least one hidden character; shorter numbers (passports, permits)
  // show only their last 4, and 4 or fewer characters are hidden entirely.
  size_t keep_head = n > 10 ? 6 : 0;
  size_t keep_tail = n > 4 ? 4 : 0;
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i < keep_head || i + keep_tail >= n) ? cps[i] : "*";
  return out;
}

}  // namespace rs::issuing
