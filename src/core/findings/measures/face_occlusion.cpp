// face.occlusion: share of the lower face (cheeks, nose, chin; lips and nostrils excluded) covered by
// something that is not the face: a hand, a mask, a phone, a scarf, a microphone.
// Not every pixel that differs from the cheeks is a cover. A beard, stubble and shadow are darker
// and greyer than the cheeks, and on real photos they were a third to a half of the lower face
// (a hand with a microphone over a mouth read less than some beards). What only a cover brings is
// a pixel lighter than the cheeks that is not skin (a lit hand in front, a white or pale mask, a
// phone's face) or a cool colour (blue, green: no skin, lip, beard or shadow is cool). The value is
// the share of those. A dark cover (a black mask) looks like a full beard: when dark, greyer
// pixels fill params.dark_unsure of the lower face, the finding warns and says it is not sure.
// A face with fewer than params.min_ied_px px between the eyes is not judged: JPEG keeps colour at
// half that resolution, so the lower face's colours are then mixed with the wall's and the shirt's
// (a 191x264 snapshot read a quarter of a bare face as covered).
// A hand of the face's own colour on the cheek hides from this count; it is seen beside the jaw
// line instead (skin_beside below) and makes a pass "not sure".
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"
#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
constexpr double kBelowEyes = 0.25;  // the lower face starts this many inter-eye distances below the eye line
// A cool colour: a (green-red) or b (blue-yellow) at least kCool levels below neutral (128).
constexpr int kCool = 5;

struct LowerFace {
  int pixels = 0, cover = 0, dark = 0;
};

LowerFace classify(const PhotoContext& ctx, const cv::Mat& lower, const cv::Rect& r) {
  const SkinModel& skin = ctx.skin();
  const double skin_chroma = std::hypot(skin.mean[1] - 128.0, skin.mean[2] - 128.0);
  LowerFace out;
  for (int y = r.y; y < r.y + r.height; ++y) {
    const auto* lab = ctx.lab().ptr<cv::Vec3b>(y);
    const auto* m = lower.ptr<std::uint8_t>(y);
    for (int x = r.x; x < r.x + r.width; ++x) {
      if (!m[x]) continue;
      ++out.pixels;
      const cv::Vec3b p = lab[x];
      if (skin.is_skin(p)) continue;
      const bool cool = p[1] < 128 - kCool || p[2] < 128 - kCool;
      if (cool || p[0] >= skin.mean[0])
        ++out.cover;
      else if (std::hypot(p[1] - 128.0, p[2] - 128.0) <= skin_chroma)
        ++out.dark;  // beard, stubble, shadow or a dark cover: greyer and darker than the cheeks
      // else darker and more coloured: lip edges, blush, a flushed chin; not counted
    }
  }
  return out;
}

// A hand on the cheek. The landmark fit follows the fingers' edge as if it were the jaw (the hand
// has the face's colour), so the lower face inside the contour is all skin and the contour reads as
// a turned head (wild_18). What gives the hand away is beside the contour: on the rows from the
// nose to the mouth, the skin's hue goes on across the fitted jaw line, without a gap of wall or
// hair, for params.hand_reach inter-eye distances. Only the narrower side is looked at, and only
// when its jaw (landmarks 3-5 from the nose line) is under params.hand_narrow of the other's: a
// hand pulls the fit in on its side, as a turn would. A fit as wide on both sides with skin past
// it is a wide face (hopper_* in the generated set: an older face's cheeks outside the fit); a
// turned head's far side is its silhouette against the wall. An ear is narrower than the reach and
// sits higher, the neck lower; a hand near the face, not on it, is parted from the cheek by hair or
// wall (wild_14, wild_02); a wall of the skin's colour is left out where the background flood
// reached it. The evidence is strong but not proof (a neck or a shoulder pressed to the jaw, a
// second face cheek to cheek), so it makes a pass "not sure", never a fail.
struct Beside {
  double rows = 0;  // share of the narrower side's rows whose skin runs on past the contour
  cv::Rect band;    // those rows, from the contour out to the reach (drawn for the reviewer)
};

// x of the jaw polyline landmarks from..to at row y; NaN where no segment spans y.
double contour_x(const std::vector<Point>& lm, int from, int to, double y) {
  const int step = to > from ? 1 : -1;
  for (int i = from; i != to; i += step) {
    const Point p = lm[i], q = lm[i + step];
    if (p.y == q.y || (y - p.y) * (y - q.y) > 0) continue;
    return p.x + (q.x - p.x) * (y - p.y) / (q.y - p.y);
  }
  return std::nan("");
}

// Whether the skin's hue runs from the contour at (cx, y) `reach` px outward (-1 left, +1 right),
// with gaps of at most `gap` px (a finger's crease, a ring's rim, a nail).
bool skin_runs_on(const PhotoContext& ctx, int cx, int y, int outward, int reach, int gap) {
  const cv::Mat& lab = ctx.lab();
  int miss = 0;
  for (int d = -gap; d <= reach; ++d) {
    const int x = cx + outward * d;
    if (x < 0 || x >= lab.cols) return false;
    const bool skin = skin_hued(ctx.skin(), lab.at<cv::Vec3b>(y, x)) && !flooded(ctx.background(), x, y);
    miss = skin ? 0 : miss + 1;
    if (miss > gap) return false;
  }
  return true;
}

// Horizontal distance of landmark i from the nose line (landmarks 27 to 30).
double from_nose(const std::vector<Point>& lm, int i) {
  const Point a = lm[27], b = lm[30];
  const double nx = a.y == b.y ? b.x : a.x + (b.x - a.x) * (lm[i].y - a.y) / (b.y - a.y);
  return std::abs(lm[i].x - nx);
}

Beside skin_beside(const PhotoContext& ctx, const RuleSpec& rule) {
  const auto& lm = ctx.face().landmarks;
  const int reach = std::max(2, cvRound(rule.param("hand_reach") * ctx.frame().ied));
  const int gap = std::max(1, cvRound(rule.param("hand_gap") * ctx.frame().ied));
  const double left_width = from_nose(lm, 3) + from_nose(lm, 4) + from_nose(lm, 5);
  const double right_width = from_nose(lm, 13) + from_nose(lm, 12) + from_nose(lm, 11);
  const bool left = left_width < right_width;
  // A fit as wide on both sides is not pulled in (a hand that leaves the fit alone lies inside it).
  if (std::min(left_width, right_width) >= rule.param("hand_narrow") * std::max(left_width, right_width)) return {};
  const int from = left ? 2 : 14, to = left ? 5 : 11, outward = left ? -1 : 1;
  const int y0 = std::max(0, cvRound(std::min(lm[from].y, lm[to].y)));
  const int y1 = std::min(ctx.size().height - 1, cvRound(std::max(lm[from].y, lm[to].y)));
  int rows = 0, runs = 0;
  for (int y = y0; y <= y1; ++y) {
    const double cx = contour_x(lm, from, to, y);
    if (std::isnan(cx)) continue;
    ++rows;
    runs += skin_runs_on(ctx, cvRound(cx), y, outward, reach, gap);
  }
  const int x0 = cvRound(lm[(from + to) / 2].x);
  const cv::Rect band(cv::Point(left ? x0 - reach : x0, y0), cv::Point(left ? x0 : x0 + reach, y1 + 1));
  return {rows ? double(runs) / rows : 0.0, band & cv::Rect(cv::Point(0, 0), ctx.size())};
}

class Occlusion final : public Measure {
 public:
  std::string_view id() const override { return "face.occlusion"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "FEATURES_HIDDEN"; }
  std::vector<std::string_view> params() const override {
    return {"dark_unsure", "min_ied_px", "hand_reach", "hand_gap", "hand_rows", "hand_narrow"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (ctx.frame().ied < rule.param("min_ied_px")) return not_assessed(rule, Cause::FaceTooSmall);
    if (!ctx.skin().valid) return not_assessed(rule, Cause::NoSkinReference);
    const cv::Rect r = ctx.face_rect();
    const int from = cvRound(ctx.frame().eye_mid.y + kBelowEyes * ctx.frame().ied);
    cv::Mat lower = ctx.skin_mask().clone();
    if (from > 0) lower.rowRange(0, std::min(from, lower.rows)).setTo(0);
    const LowerFace counts = classify(ctx, lower, r);
    if (counts.pixels == 0) return not_assessed(rule, Cause::CheeksHidden);
    const double v = double(counts.cover) / counts.pixels, dark = double(counts.dark) / counts.pixels;
    Finding f = judged(rule, v);
    if (dark >= rule.param("dark_unsure")) {
      if (f.verdict == Verdict::Pass) f.verdict = Verdict::Warn;
      mark_unsure(f, Cause::DarkCoverOrBeard);
    }
    f.detail += (f.detail.empty() ? "" : "; ") + std::string("darker, greyer than the cheeks (beard, shadow): ") +
                fmt(dark * 100, 0) + "%";
    // Skin running on past the jaw line only casts doubt on a pass: a cover already seen stays failed.
    const Beside beside = skin_beside(ctx, rule);
    if (beside.rows > 0)  // said only when seen: the decision record keeps every detail (2 KB a row)
      f.detail += "; skin past the jaw line: " + fmt(beside.rows * 100, 0) + "% of rows";
    if (beside.rows >= rule.param("hand_rows") && f.verdict == Verdict::Pass) {
      f.verdict = Verdict::Warn;
      mark_unsure(f, Cause::SkinPastJaw);
      f.geometry.push_back(rect_shape(beside.band, fmt(beside.rows * 100, 0) + "%"));
    }
    f.geometry.push_back(rect_shape(cv::Rect(cv::Point(r.x, from), cv::Point(r.x + r.width, r.y + r.height)) & r,
                                    fmt(v * 100, 0) + "%"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_occlusion() { return std::make_unique<Occlusion>(); }
}  // namespace rs::findings
