#include "core/findings/spec.hpp"

#include "core/i18n/text.hpp"
#include "core/util/json_extends.hpp"
#include "core/util/sha256.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace rs::findings {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

bool RuleSpec::has_param(std::string_view key) const {
  if (!params.is_object()) return false;
  const auto it = params.find(std::string(key));
  return it != params.end() && it->is_number();
}

double RuleSpec::param(std::string_view key) const {
  if (!has_param(key)) throw std::out_of_range("rule " + id + " has no parameter '" + std::string(key) + "'");
  return params.at(std::string(key)).get<double>();
}

const RuleSpec* Spec::rule(std::string_view id) const {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

const RuleSpec* Spec::resubmission_rule(std::string_view id) const {
  for (const auto& r : resubmission)
    if (r.id == id) return &r;
  return nullptr;
}

namespace {

// Rule id -> the file of an "extends" chain that introduces it (the base-most file naming it).
using RuleFiles = std::map<std::string, fs::path>;

void note_rule_files(const json& j, const fs::path& file, RuleFiles& files) {
  for (const char* section : {"rules", "resubmission"})
    if (j.contains(section) && j.at(section).is_object())
      for (const auto& [id, body] : j.at(section).items()) files.emplace(id, file);
}

std::optional<Band> parse_band(const nlohmann::json& j, const char* key, const std::string& id) {
  if (!j.contains(key)) return std::nullopt;
  const auto& a = j.at(key);
  if (!a.is_array() || a.size() != 2)
    throw std::invalid_argument("rule " + id + ": \"" + key + "\" must be [low, high]");
  Band b;
  if (!a[0].is_null()) b.lo = a[0].get<double>();
  if (!a[1].is_null()) b.hi = a[1].get<double>();
  return b;
}

std::string num(double v) {
  char buf[32];
  if (std::fabs(v) >= 100 || v == std::floor(v))
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string band_text(const Band& b) {
  if (b.lo && b.hi) return num(*b.lo) + "–" + num(*b.hi);
  if (b.lo) return "≥ " + num(*b.lo);
  if (b.hi) return "≤ " + num(*b.hi);
  return "any";
}

// Distance outside a band on the side where v lies, and the band edge there.
double outside(const Band& b, double v, double* edge) {
  if (b.lo && v < *b.lo) {
    *edge = *b.lo;
    return *b.lo - v;
  }
  if (b.hi && v > *b.hi) {
    *edge = *b.hi;
    return v - *b.hi;
  }
  return 0;
}

// A rule the frame takes bands from: it must be there with the parts named.
const RuleSpec& frame_rule(const Spec& s, const char* id, bool needs_high, bool needs_ideal) {
  const RuleSpec* r = s.rule(id);
  if (!r || !r->pass.lo || (needs_high && !r->pass.hi) || (needs_ideal && !r->ideal))
    throw std::invalid_argument(std::string("the GA 461 frame needs rule ") + id + " with \"pass\": [low, " +
                                (needs_high ? "high]" : "...]") + (needs_ideal ? " and \"ideal\"" : ""));
  return *r;
}

// The frame's size from "frame", its bands from the geometry rules that judge by them.
Ga461Frame read_frame(const json& j, const Spec& s) {
  const auto size = j.find("frame");
  if (size == j.end() || !size->is_object() || !size->contains("width") || !size->contains("height") ||
      !size->at("width").is_number_integer() || !size->at("height").is_number_integer())
    throw std::invalid_argument("needs \"frame\": {\"width\": W, \"height\": H} in px");
  Ga461Frame f;
  f.width = size->at("width").get<int>();
  f.height = size->at("height").get<int>();
  if (f.width <= 0 || f.height <= 0) throw std::invalid_argument("\"frame\" width and height must be positive");
  const RuleSpec& head_top = frame_rule(s, "geometry.head_top", true, true);
  f.head_top_min = *head_top.pass.lo;
  f.head_top_max = *head_top.pass.hi;
  f.head_top_ideal = *head_top.ideal;
  f.eye_line_min = *frame_rule(s, "geometry.eye_line", false, false).pass.lo;
  const RuleSpec& face_width = frame_rule(s, "geometry.face_width", true, true);
  f.face_width_min = *face_width.pass.lo;
  f.face_width_max = *face_width.pass.hi;
  f.face_width_ideal = *face_width.ideal;
  f.jpeg_quality = static_cast<int>(std::lround(*frame_rule(s, "file.jpeg_quality", false, true).ideal));
  return f;
}

}  // namespace

RuleSpec parse_rule(const std::string& id, const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("rule " + id + ": must be an object");
  RuleSpec r;
  r.id = id;
  auto pass = parse_band(j, "pass", id);
  if (!pass) throw std::invalid_argument("rule " + id + ": needs \"pass\": [low, high]");
  r.pass = *pass;
  r.warn = parse_band(j, "warn", id);
  if (j.contains("ideal")) r.ideal = j.at("ideal").get<double>();
  r.warn_only = j.value("warn_only", false);
  r.params = j.value("params", nlohmann::json::object());
  if (!r.params.is_object()) throw std::invalid_argument("rule " + id + ": \"params\" must be an object");
  for (const auto& [key, value] : r.params.items())
    if (!value.is_number()) throw std::invalid_argument("rule " + id + ": parameter '" + key + "' must be a number");
  return r;
}

Spec load_spec(const fs::path& spec_dir, const std::string& doc_type) {
  const fs::path file = spec_dir / (doc_type + ".json");
  // The file of a chain that introduces a rule is the one its load-time errors name.
  RuleFiles rule_files;
  const json j = util::read_json_chain(file, {"spec"}, [&](const fs::path& f, const json& own) {
                   note_rule_files(own, f, rule_files);
                 }).merged;
  Spec s;
  s.doc_type = doc_type;
  s.file = file;
  s.text = j.dump();
  s.digest = sha256_hex(s.text).substr(0, 16);
  try {
    // The decode caps are intake's, one for every document type (DecodeLimits, decode.hpp).
    if (j.contains("decode"))
      throw std::invalid_argument("\"decode\" is not a document setting: the decode caps are intake's");
    if (!j.contains("rules") || !j.at("rules").is_object()) throw std::invalid_argument("needs a \"rules\" object");
    for (const auto& [id, body] : j.at("rules").items()) {
      if (body.is_null() || (body.is_object() && !body.value("enabled", true))) continue;
      s.rules.push_back(parse_rule(id, nlohmann::json::parse(body.dump())));
      s.rules.back().file = rule_files.at(id);
    }
    if (j.contains("resubmission"))
      for (const auto& [id, body] : j.at("resubmission").items())
        if (!body.is_null()) {
          s.resubmission.push_back(parse_rule(id, nlohmann::json::parse(body.dump())));
          s.resubmission.back().file = rule_files.at(id);
        }
    s.frame = read_frame(j, s);
  } catch (const std::exception& e) {
    throw std::runtime_error("spec " + file.string() + ": " + e.what());
  }
  return s;
}

Verdict judge(const RuleSpec& rule, double value) {
  if (std::isnan(value)) return Verdict::CannotAssess;
  if (rule.pass.contains(value)) return Verdict::Pass;
  if (rule.warn_only) return Verdict::Warn;
  if (rule.warn && rule.warn->contains(value)) return Verdict::Warn;
  return Verdict::Fail;
}

// 100 at the ideal, 60 at the pass edge, 30 at the warn edge, falling towards 0 beyond.
int score(const RuleSpec& rule, double v) {
  if (std::isnan(v)) return -1;
  double s = 100;
  double edge = 0;
  const double out = outside(rule.pass, v, &edge);
  if (out == 0) {
    if (rule.ideal) {
      const bool below = v < *rule.ideal;
      const std::optional<double> far = below ? rule.pass.lo : rule.pass.hi;
      if (far && *far != *rule.ideal)
        s = 100 - 40 * std::min(1.0, std::fabs(v - *rule.ideal) / std::fabs(*far - *rule.ideal));
    }
  } else {
    double warn_edge = 0;
    double width = std::max(std::fabs(edge) * 0.25, 1e-6);
    if (rule.warn && outside(*rule.warn, edge + (v > edge ? 1e-12 : -1e-12), &warn_edge) == 0) {
      const std::optional<double> w = v > edge ? rule.warn->hi : rule.warn->lo;
      if (w && *w != edge) width = std::fabs(*w - edge);
    }
    s = out <= width ? 60 - 30 * out / width : 30 * std::exp(-(out - width) / width);
  }
  return std::clamp(static_cast<int>(std::lround(s)), 0, 100);
}

// Shown to reviewers, so the words come from the text table: "193–221 px（注意 186–228）".
std::string threshold_text(const RuleSpec& rule, std::string_view unit) {
  std::string t = band_text(rule.pass);
  if (!unit.empty()) {
    const std::string key = "ui.unit." + std::string(unit);
    std::string_view shown = tr(key);
    if (shown == key) shown = unit;  // a unit the table does not know: as the spec names it
    if (!shown.empty()) t += (shown == "°" ? "" : " ") + std::string(shown);
  }
  if (rule.warn)
    t += std::string(tr("finding.warn_band_open")) + band_text(*rule.warn) + std::string(tr("finding.warn_band_close"));
  return t;
}

}  // namespace rs::findings
