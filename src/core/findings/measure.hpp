#pragma once
// One measure = one class = one rule id. A measure reads the photo context and returns a Finding
// with the native value, the verdict and score from the rule's thresholds (db/spec), and the
// geometry to draw. Measures are stateless and const, so one instance serves every thread.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/findings/cause.hpp"
#include "core/findings/context.hpp"
#include "core/findings/finding.hpp"
#include "core/findings/spec.hpp"

namespace rs::findings {

class Measure {
 public:
  virtual ~Measure() = default;
  virtual std::string_view id() const = 0;
  virtual std::string_view unit() const = 0;
  virtual std::string_view reason() const = 0;  // rejection reason code suggested on failure
  virtual bool needs_face() const { return true; }
  // Also run when the only face is in profile (a box, no landmarks; PhotoContext::has_turned_face).
  virtual bool judges_turned_face() const { return false; }
  // The rule parameters (db/spec "params") run() reads, every one of them: the spec must give
  // each and no other (check_measures), so no number hides in code as a fallback.
  virtual std::vector<std::string_view> params() const { return {}; }
  virtual Finding run(const PhotoContext& ctx, const RuleSpec& rule) const = 0;

 protected:
  // A finding for `value` judged against `rule`: id, unit, reason, verdict, score, threshold text.
  Finding judged(const RuleSpec& rule, double value) const;
  // A finding that could not be measured on this photo (e.g. no spec frame), with the cause:
  // detail_key names it in the text table, detail holds its English words for logs and the CLI.
  Finding not_assessed(const RuleSpec& rule, Cause cause) const;
};

// The factory: the measure for a rule id, or nullptr when no measure has that id.
std::unique_ptr<Measure> make_measure(std::string_view rule_id);
const std::vector<std::string>& known_rule_ids();

// What the engine checks when it loads a spec: every rule has a measure, and its "params" are
// exactly those the measure reads. Throws std::runtime_error naming the file that introduces the
// rule and the rule, e.g. "db/spec/base.json: rule hair.eyebrows has no parameter 'band_from'".
void check_measures(const Spec& spec);

// mark_unsure (finding.hpp) with one of the causes: the measure read the photo but cannot trust
// what it read, so the finding warns at most, with confidence Low and the cause's words.
void mark_unsure(Finding& f, Cause why);

// Shape helpers for geometry.
Shape rect_shape(const cv::Rect& r, std::string label = {});
Shape hline(double y, double width, std::string label = {});
Shape line_shape(Point a, Point b, std::string label = {});
Shape points_shape(std::vector<Point> pts, std::string label = {});
Shape polyline_shape(std::vector<Point> pts, std::string label = {});
std::string fmt(double v, int decimals = 1);
// A heat map from `strength` (CV_32F, 0..1) that covers `area` of the photo, averaged down to cells
// of about `cell_px` photo pixels.
ValueMap heat_map(const cv::Mat& strength, const cv::Rect2d& area, double cell_px);

}  // namespace rs::findings
