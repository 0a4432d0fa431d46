#include "core/findings/decision_record.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/util/json_writer.hpp"

namespace rs::findings {
namespace {
constexpr Verdict kGroups[] = {Verdict::Fail, Verdict::Warn, Verdict::Pass, Verdict::CannotAssess};

// Four significant digits, as the findings panel shows them: finer than any threshold in the spec.
void append_value(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
  out.append(buf, end);
}

// A rule id's family ("geometry") and name ("face_width"); rows are grouped by family so the
// family is written once per verdict instead of once per rule.
std::pair<std::string_view, std::string_view> split_rule(std::string_view id) {
  const auto dot = id.find('.');
  if (dot == std::string_view::npos) return {std::string_view(), id};
  return {id.substr(0, dot), id.substr(dot + 1)};
}

void append_row(std::string& out, const Finding& f) {
  out.push_back('[');
  append_json_string(out, split_rule(f.rule_id).second);
  out.push_back(',');
  append_value(out, f.value);
  out += ',' + std::to_string(f.score);
  const bool unsure = f.confidence == Confidence::Low;
  if (!f.detail.empty() || !f.detail_key.empty() || unsure) {
    out.push_back(',');
    append_json_string(out, f.detail);
  }
  if (!f.detail_key.empty() || unsure) {
    out.push_back(',');
    append_json_string(out, f.detail_key);
  }
  if (unsure) out += ",\"low\"";  // confidence, only when low: records of sure findings stay as they were
  out.push_back(']');
}

// {"geometry":[rows...],"pose":[rows...]} for the findings with this verdict, families in order
// of first appearance (so the reviewer's order survives within a family).
void append_group(std::string& out, const std::vector<Finding>& findings, Verdict verdict) {
  std::vector<std::string_view> families;
  for (const auto& f : findings)
    if (f.verdict == verdict &&
        std::find(families.begin(), families.end(), split_rule(f.rule_id).first) == families.end())
      families.push_back(split_rule(f.rule_id).first);
  out.push_back('{');
  for (std::size_t i = 0; i < families.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, families[i]);
    out += ":[";
    bool first = true;
    for (const auto& f : findings) {
      if (f.verdict != verdict || split_rule(f.rule_id).first != families[i]) continue;
      if (!first) out.push_back(',');
      first = false;
      append_row(out, f);
    }
    out.push_back(']');
  }
  out.push_back('}');
}

Finding row_finding(const std::string& family, const nlohmann::json& row, Verdict verdict) {
  if (!row.is_array() || row.size() < 3 || !row[0].is_string())
    throw std::invalid_argument("a findings row must be [rule, value, score, ...]");
  Finding f;
  f.rule_id = family.empty() ? row[0].get<std::string>() : family + "." + row[0].get<std::string>();
  f.verdict = verdict;
  f.value = row[1].is_number() ? row[1].get<double>() : std::nan("");
  f.score = row[2].get<int>();
  if (row.size() > 3) f.detail = row[3].get<std::string>();
  if (row.size() > 4) f.detail_key = row[4].get<std::string>();
  if (row.size() > 5) f.confidence = parse_confidence(row[5].get<std::string>());
  return f;
}
}  // namespace

std::string decision_record_json(const Analysis& analysis) {
  std::string out = "{\"v\":2,\"spec\":";
  append_json_string(out, analysis.spec_id);
  for (Verdict group : kGroups) {
    out += ",\"";
    out += verdict_code(group);
    out += "\":";
    append_group(out, analysis.findings, group);
  }
  out.push_back('}');
  return out;
}

DecisionRecord read_decision_record(std::string_view text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("findings record is not JSON: ") + e.what());
  }
  DecisionRecord r;
  try {
    if (j.is_array()) {  // version 1: one object per finding, thresholds as screen text
      for (const auto& item : j) r.findings.push_back(item.get<Finding>());
      return r;
    }
    if (!j.is_object() || j.value("v", 0) != 2) throw std::invalid_argument("unknown findings record version");
    r.spec_id = j.value("spec", "");
    for (Verdict group : kGroups) {
      const auto families = j.value(std::string(verdict_code(group)), nlohmann::json::object());
      if (!families.is_object()) throw std::invalid_argument("findings of one verdict must be grouped by rule family");
      for (const auto& [family, rows] : families.items())
        for (const auto& row : rows) r.findings.push_back(row_finding(family, row, group));
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("findings record: ") + e.what());
  }
  return r;
}

}  // namespace rs::findings
