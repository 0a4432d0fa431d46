#include "core/findings/decision_record.hpp"

#include "core/util/json_writer.hpp"

namespace rs::findings {

std::string decision_record_json(const Analysis& analysis) {
  std::string out = "[";
  for (const auto& f : analysis.findings) {
    if (out.size() > 1) out.push_back(',');
    JsonWriter w;
    w.text("rule_id", f.rule_id).text("verdict", verdict_code(f.verdict)).real("value", f.value);
    w.text("unit", f.unit).text("threshold", f.threshold).number("score", f.score).text("reason_code", f.reason_code);
    // Present only when they say something, as on the reviewer's screen.
    if (!f.detail.empty()) w.text("detail", f.detail);
    if (!f.detail_key.empty()) w.text("detail_key", f.detail_key);
    out += w.str();
  }
  out.push_back(']');
  return out;
}

}  // namespace rs::findings
