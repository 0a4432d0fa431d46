#include "core/findings/measure.hpp"

#include <cmath>
#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "core/i18n/text.hpp"

namespace rs::findings {

Finding Measure::judged(const RuleSpec& rule, double value) const {
  Finding f;
  f.rule_id = std::string(id());
  f.unit = std::string(unit());
  f.reason_code = std::string(reason());
  f.value = value;
  f.verdict = judge(rule, value);
  f.score = score(rule, value);
  f.threshold = threshold_text(rule, unit());
  return f;
}

Finding Measure::not_assessed(const RuleSpec& rule, Cause cause) const {
  Finding f;
  f.rule_id = std::string(id());
  f.unit = std::string(unit());
  f.reason_code = std::string(reason());
  f.verdict = Verdict::CannotAssess;
  f.score = -1;
  f.threshold = threshold_text(rule, unit());
  f.detail_key = std::string(cause_key(cause));
  f.detail = std::string(tr_in(Language::English, f.detail_key));
  return f;
}

void mark_unsure(Finding& f, Cause why) {
  const std::string_view key = cause_key(why);
  mark_unsure(f, key, tr_in(Language::English, key));
}

Shape rect_shape(const cv::Rect& r, std::string label) {
  return {ShapeKind::Rect, {{float(r.x), float(r.y)}, {float(r.x + r.width), float(r.y + r.height)}}, std::move(label)};
}
Shape hline(double y, double width, std::string label) {
  return {ShapeKind::HLine, {{0, float(y)}, {float(width), float(y)}}, std::move(label)};
}
Shape line_shape(Point a, Point b, std::string label) { return {ShapeKind::Line, {a, b}, std::move(label)}; }
Shape points_shape(std::vector<Point> pts, std::string label) {
  return {ShapeKind::Points, std::move(pts), std::move(label)};
}
Shape polyline_shape(std::vector<Point> pts, std::string label) {
  return {ShapeKind::Polyline, std::move(pts), std::move(label)};
}

ValueMap heat_map(const cv::Mat& strength, const cv::Rect2d& area, double cell_px) {
  ValueMap m;
  if (strength.empty() || area.width <= 0 || area.height <= 0) return m;
  m.cols = std::max(1, static_cast<int>(std::lround(area.width / cell_px)));
  m.rows = std::max(1, static_cast<int>(std::lround(area.height / cell_px)));
  cv::Mat small;
  cv::resize(strength, small, cv::Size(m.cols, m.rows), 0, 0, cv::INTER_AREA);
  small.convertTo(small, CV_8U, 255.0);
  m.values.assign(small.begin<std::uint8_t>(), small.end<std::uint8_t>());
  m.origin = {float(area.x), float(area.y)};
  m.cell = {float(area.width / m.cols), float(area.height / m.rows)};
  return m;
}

std::string fmt(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace rs::findings
