#include "core/findings/finding.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace rs::findings {

std::string_view verdict_code(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::Warn: return "warn";
    case Verdict::Fail: return "fail";
    case Verdict::CannotAssess: return "cannot_assess";
  }
  return "cannot_assess";
}

Verdict parse_verdict(std::string_view s) {
  if (s == "pass") return Verdict::Pass;
  if (s == "warn") return Verdict::Warn;
  if (s == "fail") return Verdict::Fail;
  return Verdict::CannotAssess;
}

std::string_view confidence_code(Confidence c) { return c == Confidence::Low ? "low" : "high"; }

Confidence parse_confidence(std::string_view s) { return s == "low" ? Confidence::Low : Confidence::High; }

void mark_unsure(Finding& f, std::string_view cause_key, std::string_view english) {
  if (f.verdict == Verdict::CannotAssess) return;
  f.confidence = Confidence::Low;
  if (f.verdict == Verdict::Fail) f.verdict = Verdict::Warn;
  if (!f.detail_key.empty()) return;  // a fixed cause is already named
  f.detail_key = std::string(cause_key);
  f.detail = f.detail.empty() ? std::string(english) : std::string(english) + "; " + f.detail;
}

int Analysis::count(Verdict v) const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [v](const Finding& f) { return f.verdict == v; }));
}

std::vector<std::string> Analysis::suggested_reasons() const {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.verdict != Verdict::Fail || f.reason_code.empty()) continue;
    if (std::find(out.begin(), out.end(), f.reason_code) == out.end()) out.push_back(f.reason_code);
  }
  return out;
}

namespace {
int rank(Verdict v) {
  switch (v) {
    case Verdict::Fail: return 0;
    case Verdict::CannotAssess: return 1;
    case Verdict::Warn: return 2;
    case Verdict::Pass: return 3;
  }
  return 4;
}

std::string_view shape_kind_code(ShapeKind k) {
  switch (k) {
    case ShapeKind::Rect: return "rect";
    case ShapeKind::Line: return "line";
    case ShapeKind::Points: return "points";
    case ShapeKind::Polyline: return "polyline";
    case ShapeKind::Circle: return "circle";
    case ShapeKind::HLine: return "hline";
  }
  return "points";
}

ShapeKind parse_shape_kind(std::string_view s) {
  if (s == "rect") return ShapeKind::Rect;
  if (s == "line") return ShapeKind::Line;
  if (s == "polyline") return ShapeKind::Polyline;
  if (s == "circle") return ShapeKind::Circle;
  if (s == "hline") return ShapeKind::HLine;
  return ShapeKind::Points;
}

nlohmann::json points_json(const std::vector<Point>& pts) {
  auto a = nlohmann::json::array();
  for (const auto& p : pts) a.push_back({p.x, p.y});
  return a;
}

std::vector<Point> points_from(const nlohmann::json& a) {
  std::vector<Point> pts;
  for (const auto& p : a) pts.push_back({p.at(0).get<float>(), p.at(1).get<float>()});
  return pts;
}

nlohmann::json face_json(const FaceGeometry& f) {
  return {{"box", points_json({f.box[0], f.box[1]})},
          {"landmarks", points_json(f.landmarks)},
          {"left_eye", {f.left_eye.x, f.left_eye.y}},
          {"right_eye", {f.right_eye.x, f.right_eye.y}},
          {"roll_deg", f.roll_deg}};
}

FaceGeometry face_from(const nlohmann::json& j) {
  FaceGeometry f;
  auto box = points_from(j.at("box"));
  if (box.size() == 2) f.box = {box[0], box[1]};
  f.landmarks = points_from(j.at("landmarks"));
  f.left_eye = {j.at("left_eye").at(0).get<float>(), j.at("left_eye").at(1).get<float>()};
  f.right_eye = {j.at("right_eye").at(0).get<float>(), j.at("right_eye").at(1).get<float>()};
  f.roll_deg = j.value("roll_deg", 0.0);
  return f;
}
}  // namespace

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return rank(a.verdict) < rank(b.verdict); });
}

static nlohmann::json map_json(const ValueMap& m) {
  if (m.empty()) return nullptr;
  return {{"cols", m.cols},
          {"rows", m.rows},
          {"origin", {m.origin.x, m.origin.y}},
          {"cell", {m.cell.x, m.cell.y}},
          {"values", m.values}};
}

static ValueMap map_from(const nlohmann::json& j) {
  ValueMap m;
  if (j.is_null()) return m;
  m.cols = j.at("cols").get<int>();
  m.rows = j.at("rows").get<int>();
  m.origin = {j.at("origin").at(0).get<float>(), j.at("origin").at(1).get<float>()};
  m.cell = {j.at("cell").at(0).get<float>(), j.at("cell").at(1).get<float>()};
  m.values = j.at("values").get<std::vector<std::uint8_t>>();
  return m;
}

void to_json(nlohmann::json& j, const Finding& f) {
  auto shapes = nlohmann::json::array();
  for (const auto& s : f.geometry)
    shapes.push_back({{"kind", shape_kind_code(s.kind)}, {"pts", points_json(s.pts)}, {"label", s.label}});
  j = {{"rule_id", f.rule_id},
       {"verdict", verdict_code(f.verdict)},
       {"value", f.value},
       {"unit", f.unit},
       {"threshold", f.threshold},
       {"score", f.score},
       {"reason_code", f.reason_code},
       {"detail", f.detail},
       {"detail_key", f.detail_key},
       {"confidence", confidence_code(f.confidence)},
       {"geometry", shapes},
       {"map", map_json(f.map)}};
}

void from_json(const nlohmann::json& j, Finding& f) {
  f.rule_id = j.at("rule_id").get<std::string>();
  f.verdict = parse_verdict(j.at("verdict").get<std::string>());
  f.value = j.value("value", 0.0);
  f.unit = j.value("unit", "");
  f.threshold = j.value("threshold", "");
  f.score = j.value("score", -1);
  f.reason_code = j.value("reason_code", "");
  f.detail = j.value("detail", "");
  f.detail_key = j.value("detail_key", "");
  f.confidence = parse_confidence(j.value("confidence", "high"));
  f.map = j.contains("map") ? map_from(j.at("map")) : ValueMap{};
  f.geometry.clear();
  if (j.contains("geometry")) {
    for (const auto& s : j.at("geometry"))
      f.geometry.push_back(
          {parse_shape_kind(s.at("kind").get<std::string>()), points_from(s.at("pts")), s.value("label", "")});
  }
}

void to_json(nlohmann::json& j, const Analysis& a) {
  j = {{"width", a.width},           {"height", a.height},
       {"assessable", a.assessable}, {"face_count", a.face_count},
       {"elapsed_ms", a.elapsed_ms}, {"findings", a.findings},
       {"phash", a.phash},           {"phash_mirror", a.phash_mirror},
       {"spec", a.spec_id}};
  j["face"] = a.face ? face_json(*a.face) : nlohmann::json(nullptr);
}

void from_json(const nlohmann::json& j, Analysis& a) {
  a.width = j.value("width", 0);
  a.height = j.value("height", 0);
  a.assessable = j.value("assessable", false);
  a.face_count = j.value("face_count", 0);
  a.elapsed_ms = j.value("elapsed_ms", 0.0);
  a.phash = j.value("phash", std::uint64_t{0});
  a.phash_mirror = j.value("phash_mirror", std::uint64_t{0});
  a.spec_id = j.value("spec", "");
  a.findings = j.value("findings", std::vector<Finding>{});
  if (j.contains("face") && !j.at("face").is_null())
    a.face = face_from(j.at("face"));
  else
    a.face.reset();
}

}  // namespace rs::findings
