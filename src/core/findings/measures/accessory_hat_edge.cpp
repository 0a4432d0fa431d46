// accessory.hat_edge: the lower edge of a cap, hat or head scarf runs straight across the forehead,
// dark above and skin below; a hairline is curved and ragged and a bald crown has none. In the
// levelled face (PhotoContext::levelled) the strongest such edge path across the forehead's width,
// from just above the brows up to where a crown's top may be (edge_path), over the skin's grey.
// A heuristic: it asks the reviewer to look (warn) rather than failing.
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
// The edge path (levelled_face.hpp's edge_path) crosses the forehead in kStrips strips, each row
// at most kSlack rows from its neighbour's: a cap's edge is straight, a hairline wanders.
constexpr int kStrips = 6, kSlack = 3;

class HatEdge final : public Measure {
 public:
  std::string_view id() const override { return "accessory.hat_edge"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  std::vector<std::string_view> params() const override { return {"half_width", "from", "to"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const LevelledFace& lf = ctx.levelled();
    if (lf.grey.empty()) return not_assessed(rule, Cause::EyesTooClose);
    cv::Mat gy;
    cv::Sobel(lf.grey, gy, CV_32F, 0, 1);
    const double u = LevelledFace::kIed, half = rule.param("half_width") * u;
    const double from = rule.param("from") * u, to = rule.param("to") * u;
    const cv::Rect forehead(cvRound(lf.eye_mid.x - half), cvRound(lf.eye_mid.y - to), cvRound(2 * half),
                            cvRound(to - from));
    int row = 0;
    const double edge = edge_path(gy, forehead, kStrips, kSlack, &row);
    const double skin = std::max(kMinSkinGrey, ctx.skin().grey());
    const double v = std::max(0.0, edge) / skin;
    Finding f = judged(rule, v);
    const double x0 = forehead.x, x1 = forehead.x + forehead.width;
    f.geometry.push_back(line_shape(lf.to_photo({x0, double(row)}), lf.to_photo({x1, double(row)}), fmt(v, 2)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_hat_edge() { return std::make_unique<HatEdge>(); }
}  // namespace rs::findings
