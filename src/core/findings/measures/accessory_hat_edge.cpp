// accessory.hat_edge: the lower edge of a cap, hat or head scarf runs straight across the forehead,
// dark above and skin below; a hairline is curved and ragged and a bald crown has none. In the
// levelled face (PhotoContext::levelled) the strongest such edge path across the forehead's width,
// from just above the brows up to where a crown's top may be (edge_path), over the skin's grey.
// Only edges with something other than skin above them count (what lies kAboveIed above each row
// is tested against the skin model, widened to params.skin_sigmas: skin in shade keeps its hue but
// loses some chroma): a frown's crease, a brow ridge's shade or a side light's edge across a bare
// forehead has skin on both sides and is no hat, however straight and strong.
// Where what lies above the edge looks like hair (dark, colourless and grainy, as the hair at the
// hairline is) the finding is not sure: a dark cap's edge and a straight dark hairline look alike
// in the levelled face (Cause::HairOrDarkCap).
// A heuristic: it asks the reviewer to look (warn) rather than failing.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
// The edge path (levelled_face.hpp's edge_path) crosses the forehead in kStrips strips, each row
// at most kSlack rows from its neighbour's: a cap's edge is straight, a hairline wanders.
constexpr int kStrips = 6, kSlack = 3;
// How far above a row (inter-eye distances) the pixel tested for skin lies: past the edge's blur.
constexpr double kAboveIed = 0.08;
// The band above the found edge whose look is compared with hair: from kBandNear to kBandFar above
// it, kBandHalf to either side of the eyes' midpoint (inter-eye distances).
constexpr double kBandNear = 0.05, kBandFar = 0.3, kBandHalf = 0.5;
// Hair-like: darker than kHairDark of the skin's grey, chroma under kHairChroma (8-bit Lab a, b),
// and grainier than the skin below by kHairGrain (mean absolute high-pass, band above / below).
constexpr double kHairDark = 0.6, kHairChroma = 12, kHairGrain = 1.5;
constexpr double kGrainSigma = 1.5;  // levelled px: the high-pass that measures the grain

struct Band {
  double grey = 0, chroma = 0, grain = 0;
};

// Lab of the levelled face's pixels, read from the photo (nearest pixel).
cv::Mat levelled_lab(const PhotoContext& ctx, const LevelledFace& lf) {
  cv::Matx23d to_levelled;
  cv::invertAffineTransform(lf.back, to_levelled);
  cv::Mat lab;
  cv::warpAffine(ctx.lab(), lab, cv::Mat(to_levelled), lf.grey.size(), cv::INTER_NEAREST, cv::BORDER_REPLICATE);
  return lab;
}

Band band(const LevelledFace& lf, const cv::Mat& lab, const cv::Mat& grain, const cv::Rect& r) {
  Band b;
  const cv::Rect c = r & cv::Rect(0, 0, lf.grey.cols, lf.grey.rows);
  if (c.area() == 0) return b;
  b.grey = cv::mean(lf.grey(c))[0];
  const cv::Scalar m = cv::mean(lab(c));
  b.chroma = std::hypot(m[1] - 128, m[2] - 128);
  b.grain = cv::mean(grain(c))[0];
  return b;
}

class HatEdge final : public Measure {
 public:
  std::string_view id() const override { return "accessory.hat_edge"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  std::vector<std::string_view> params() const override { return {"half_width", "from", "to", "skin_sigmas"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const LevelledFace& lf = ctx.levelled();
    if (lf.grey.empty()) return not_assessed(rule, Cause::EyesTooClose);
    const double u = LevelledFace::kIed, half = rule.param("half_width") * u;
    const cv::Mat lab = levelled_lab(ctx, lf);
    cv::Mat gy;
    cv::Sobel(lf.grey, gy, CV_32F, 0, 1);
    if (ctx.skin().valid) {  // an edge with skin above it is on the skin, not under a hat
      const int up = std::max(1, cvRound(kAboveIed * u));
      const double sigmas = rule.param("skin_sigmas");
      for (int y = up; y < gy.rows; ++y) {
        float* g = gy.ptr<float>(y);
        const auto* above = lab.ptr<cv::Vec3b>(y - up);
        for (int x = 0; x < gy.cols; ++x)
          if (ctx.skin().is_skin(above[x], sigmas)) g[x] = 0;
      }
    }
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
    if (f.verdict == Verdict::Pass) return f;
    // What lies above the edge: hair (the hairline) or a dark cap cannot be told apart here.
    cv::Mat g32, smooth, grain;
    lf.grey.convertTo(g32, CV_32F);
    cv::GaussianBlur(g32, smooth, cv::Size(), kGrainSigma);
    cv::absdiff(g32, smooth, grain);
    const int bx = cvRound(lf.eye_mid.x - kBandHalf * u), bw = cvRound(2 * kBandHalf * u);
    const int near = cvRound(kBandNear * u), far = cvRound(kBandFar * u);
    const Band above = band(lf, lab, grain, cv::Rect(bx, row - far, bw, far - near));
    const Band below = band(lf, lab, grain, cv::Rect(bx, row + near, bw, far - near));
    if (above.grey < kHairDark * skin && above.chroma < kHairChroma && above.grain > kHairGrain * below.grain)
      mark_unsure(f, Cause::HairOrDarkCap);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_hat_edge() { return std::make_unique<HatEdge>(); }
}  // namespace rs::findings
