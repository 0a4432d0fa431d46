// geometry.head_cut: does the photo's top edge cut into the head (hair or skull)? What a person
// looks at: the top edge above the head. Value: the share of the top edge's rows over the head's
// columns that are not background, judged against the background at the top edge beside the head
// (and the corner seed), so a dark stage or a busy wall above a head that fits reads as background
// (wild_17), while hair running out of the photo reads as head (wild_10, wild_21). Two cases need
// the face's geometry on top of that:
// - brows nearer the top edge than params.skull_cut face widths: the skull itself cannot fit
//   (a skull reaches about 0.75 face widths above the brows), so the head is cut whatever the
//   colours say (grey hair against a grey-blue wall, wild_06);
// - brows farther than params.skull_free face widths below the edge: the skull fits, so hair at
//   the edge is a bun or a tall crop touching it (wild_14), not judged: the finding says so.
// A head turned past params.max_yaw is not judged (wild_15 mirrored: a masked face at 47 degrees
// whose "face" was found on one cheek). Evidence in the warning band (some head at the edge, not
// most of it) is marked not sure too, and
// so is a photo whose background map's flood ran into the face (it cannot be trusted to tell hair
// from wall) when the flood and the colours disagree (wild_02's blurred wall, a gradient backdrop).
// GA 461's margin above the hair is geometry.head_top's business (spec frame only); a GA 461 crop
// that runs past the photo is geometry.in_frame's. This rule is the label head_top_cut.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/measures/hair_support.hpp"
#include "core/findings/pose.hpp"

namespace rs::findings {
namespace {
// The head's columns: the face centre +- this many face widths (the crown, not the hair's sides).
constexpr double kHeadHalfWidth = 0.35;
// The top edge's band: this share of the photo's height, at least kMinEdgeRows rows.
constexpr double kEdgeRowsShare = 0.01;
constexpr int kMinEdgeRows = 2;
// Background references at the top edge beside the head, this many face widths from the centre
// (outside the hair of most heads), each side on its own; a side needs kMinReference pixels.
constexpr double kBesideFrom = 0.9, kBesideTo = 1.6;
constexpr std::size_t kMinReference = 4;
class HeadCut final : public Measure {
 public:
  std::string_view id() const override { return "geometry.head_cut"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  std::vector<std::string_view> params() const override {
    return {"skull_cut", "skull_free", "edge_tolerance", "max_yaw"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FaceFrame& fr = ctx.frame();
    const double fw = std::max(1.0, fr.face_width);
    const double brows_below_top = fr.brow_top / fw;  // face widths from the top edge down to the brows
    const int rows = std::min(ctx.size().height, std::max(kMinEdgeRows, cvRound(kEdgeRowsShare * ctx.size().height)));
    const int x0 = std::max(0, cvRound(fr.centre_x - kHeadHalfWidth * fw));
    const int x1 = std::min(ctx.size().width, cvRound(fr.centre_x + kHeadHalfWidth * fw));
    const double tolerance = rule.param("edge_tolerance");
    // Where the background map's flood ran through the face it cannot tell hair from wall either;
    // then colours decide, and a flood that calls the edge background makes the finding unsure.
    const bool flood_trusted = flood_stayed_off_face(ctx);
    const double by_colour = head_at_edge(ctx, rows, x0, x1, tolerance, false);
    const double by_flood = head_at_edge(ctx, rows, x0, x1, tolerance, true);
    const double at_edge = flood_trusted ? by_flood : by_colour;
    const bool skull_cut = brows_below_top < rule.param("skull_cut");
    Finding f = judged(rule, skull_cut ? 1.0 : at_edge);
    f.geometry.push_back(rect_shape(cv::Rect(x0, 0, std::max(1, x1 - x0), rows), fmt(at_edge * 100, 0) + "%"));
    f.geometry.push_back(hline(fr.brow_top, ctx.size().width, fmt(brows_below_top, 2)));
    if (std::abs(yaw_from_symmetry(ctx.face())) > rule.param("max_yaw")) {
      // A head turned this far is narrower than its face width says, and the beside-the-head
      // references may be its own hair: neither the geometry nor the colours can be trusted.
      mark_unsure(f, Cause::HeadTurned);
    } else if (skull_cut) {
      f.detail = "the brows are " + fmt(brows_below_top, 2) + " face widths below the top edge: the skull runs past it";
    } else if (f.verdict != Verdict::Pass && !flood_trusted && judge(rule, by_flood) == Verdict::Pass) {
      mark_unsure(f, Cause::HairLikeBackground);
    } else if (f.verdict == Verdict::Warn ||
               (f.verdict == Verdict::Fail && brows_below_top >= rule.param("skull_free"))) {
      mark_unsure(f, Cause::HairTouchesTop);
    }
    return f;
  }

 private:
  // Share of the edge band's pixels over the head's columns that are not within `tolerance` of a
  // background reference (and, with use_flood, not reached by the background map's flood).
  static double head_at_edge(const PhotoContext& ctx, int rows, int x0, int x1, double tolerance, bool use_flood) {
    if (x1 <= x0 || rows <= 0) return 0;
    const std::vector<cv::Vec3f> refs = references(ctx, rows);
    const BackgroundMap& bg = ctx.background();
    long n = 0, head = 0;
    for (int y = 0; y < rows; ++y)
      for (int x = x0; x < x1; ++x) {
        ++n;
        if (use_flood && flooded(bg, x, y)) continue;
        const cv::Vec3b p = ctx.lab().at<cv::Vec3b>(y, x);
        head += std::all_of(refs.begin(), refs.end(),
                            [&](const cv::Vec3f& r) { return lab_distance(p, r, kHairLightness) > tolerance; });
      }
    return n ? static_cast<double>(head) / n : 0;
  }

  // The background's colours at the top edge: beside the head on each side (medians), and the
  // background map's corner seed.
  static std::vector<cv::Vec3f> references(const PhotoContext& ctx, int rows) {
    const FaceFrame& fr = ctx.frame();
    const double fw = std::max(1.0, fr.face_width);
    std::vector<cv::Vec3b> left, right;
    for (int y = 0; y < rows; ++y)
      for (int x = 0; x < ctx.size().width; ++x) {
        const double d = (x - fr.centre_x) / fw;
        if (d <= -kBesideFrom && d >= -kBesideTo) left.push_back(ctx.lab().at<cv::Vec3b>(y, x));
        if (d >= kBesideFrom && d <= kBesideTo) right.push_back(ctx.lab().at<cv::Vec3b>(y, x));
      }
    std::vector<cv::Vec3f> refs = {cv::Vec3f(ctx.background().seed_lab)};
    for (const auto* side : {&left, &right})
      if (side->size() >= kMinReference) refs.push_back(cv::Vec3f(channel_medians(*side)));
    return refs;
  }
};
}  // namespace
std::unique_ptr<Measure> make_head_cut() { return std::make_unique<HeadCut>(); }
}  // namespace rs::findings
