// accessory.hair_band: a hair band (or an Alice band, a row of clips) is a thin strongly coloured
// arc lying on the hair around the head, with hair (or the forehead) on its inner side and hair on
// its outer side. Hair, skin and most walls are low in chroma; a coloured wall beside the head is
// not a thin strip between hair. Rays fan out over the top of the head from just below the brows;
// on each the first such strip is looked for (params.min_run..max_run face widths thick, with hair
// of a clearly different colour, params.min_contrast in a*b*, within params.max_gap outside it).
// Value: the longest run of neighbouring rays that cross a strip at a steady distance from the
// face, as a share of all rays (a band spans many, a clip a few).
// A heuristic: it asks the reviewer to look (warn) rather than failing. accessory.head_covering
// looks for colour on the crown only, where a band worn further back is missed.
#include <cmath>
#include <optional>

#include "core/findings/measure.hpp"
#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
enum class Kind { Skin, Colour, Background, Hair };

// Samples are 1 px apart along a ray; a strip is at least kMinRun and the gap after it at least
// kMinGap samples whatever the face's size, and the hair outside a strip is judged on its first
// kHairSamples samples.
constexpr int kMinRun = 2, kMinGap = 1;
constexpr std::size_t kHairSamples = 3;

// From the rule's params (HairBand::run), scaled to this face.
struct RayParams {
  double r_in = 0, r_out = 0;    // px from the origin
  int min_run = 0, max_run = 0;  // strip thickness, samples (1 px apart)
  int max_gap = 0;               // samples of neither strip nor hair allowed just outside the strip
  double min_chroma = 0, bg_tol = 0;
  double skin_sigmas = 0;   // looser than SkinModel's default: a flushed hairline is still skin
  double min_contrast = 0;  // a*b* distance between the strip and the hair outside it
};

Kind classify(const PhotoContext& ctx, const RayParams& p, int x, int y) {
  const cv::Vec3b v = ctx.lab().at<cv::Vec3b>(y, x);
  if (ctx.skin().valid && ctx.skin().is_skin(v, p.skin_sigmas)) return Kind::Skin;
  if (is_background(ctx, v, x, y, p.bg_tol)) return Kind::Background;
  return std::hypot(v[1] - 128.0, v[2] - 128.0) > p.min_chroma ? Kind::Colour : Kind::Hair;
}

cv::Vec2d mean_ab(const std::vector<cv::Vec3b>& lab, std::size_t from, std::size_t to) {
  cv::Vec2d m(0, 0);
  for (std::size_t i = from; i < to; ++i) m += cv::Vec2d(lab[i][1], lab[i][2]);
  return to > from ? m / double(to - from) : m;
}
double ab_distance(const cv::Vec2d& a, const cv::Vec2d& b) { return cv::norm(a - b); }

// Radius (px) of the first coloured strip along the ray from `o` in direction `d` that has hair or
// skin just inside it and hair just outside it; nullopt when there is none.
std::optional<double> strip_on_ray(const PhotoContext& ctx, const RayParams& p, cv::Point2d o, cv::Point2d d) {
  const cv::Rect img({0, 0}, ctx.size());
  std::vector<Kind> k;
  std::vector<cv::Vec3b> lab;
  for (double r = p.r_in; r <= p.r_out; r += 1) {
    const cv::Point q(cvRound(o.x + d.x * r), cvRound(o.y + d.y * r));
    if (!img.contains(q)) break;
    k.push_back(classify(ctx, p, q.x, q.y));
    lab.push_back(ctx.lab().at<cv::Vec3b>(q));
  }
  for (std::size_t i = 1; i < k.size(); ++i) {
    if (k[i] != Kind::Colour || k[i - 1] == Kind::Colour) continue;
    if (k[i - 1] == Kind::Background) return std::nullopt;  // colour beyond the head: a wall or a hat
    std::size_t j = i;
    while (j < k.size() && k[j] == Kind::Colour) ++j;
    const int run = static_cast<int>(j - i);
    if (run < p.min_run || run > p.max_run) {
      i = j;
      continue;
    }
    for (std::size_t g = j; g < k.size() && g <= j + p.max_gap; ++g)
      if (k[g] == Kind::Hair &&
          ab_distance(mean_ab(lab, i, j), mean_ab(lab, g, std::min(k.size(), g + kHairSamples))) >= p.min_contrast)
        return p.r_in + i;
    i = j;
  }
  return std::nullopt;
}

class HairBand final : public Measure {
 public:
  std::string_view id() const override { return "accessory.hair_band"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  std::vector<std::string_view> params() const override {
    return {"r_in",
            "r_out",
            "min_run",
            "max_run",
            "max_gap",
            "min_chroma",
            "background_tolerance",
            "skin_sigmas",
            "min_contrast",
            "origin_below_brows",
            "from_deg",
            "step_deg",
            "steady"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FaceFrame& fr = ctx.frame();
    const double fw = fr.face_width;
    RayParams p;
    p.r_in = rule.param("r_in") * fw;
    p.r_out = rule.param("r_out") * fw;
    p.min_run = std::max(kMinRun, cvRound(rule.param("min_run") * fw));
    p.max_run = std::max(p.min_run + 1, cvRound(rule.param("max_run") * fw));
    p.max_gap = std::max(kMinGap, cvRound(rule.param("max_gap") * fw));
    p.min_chroma = rule.param("min_chroma");
    p.bg_tol = rule.param("background_tolerance");
    p.skin_sigmas = rule.param("skin_sigmas");
    p.min_contrast = rule.param("min_contrast");
    const cv::Point2d o(fr.centre_x, fr.brow_top + rule.param("origin_below_brows") * fw);
    const double from = rule.param("from_deg") * CV_PI / 180, step = rule.param("step_deg") * CV_PI / 180;
    const double steady = rule.param("steady") * fw;
    int rays = 0, longest = 0, current = 0;
    std::optional<double> last;
    std::vector<Point> arc, best;
    for (double a = from; a <= CV_PI - from + 1e-9; a += step, ++rays) {
      const cv::Point2d d(std::cos(a), -std::sin(a));
      const auto r = strip_on_ray(ctx, p, o, d);
      const bool continues = r && (!last || std::abs(*r - *last) <= steady);
      current = r ? (continues ? current + 1 : 1) : 0;
      if (!r || !continues) arc.clear();
      if (r) arc.push_back({float(o.x + d.x * *r), float(o.y + d.y * *r)});
      last = r;
      if (current > longest) longest = current, best = arc;
    }
    const double v = rays ? double(longest) / rays : 0;
    Finding f = judged(rule, v);
    if (best.size() >= 2) f.geometry.push_back(polyline_shape(std::move(best), fmt(v * 100, 0) + "%"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_hair_band() { return std::make_unique<HairBand>(); }
}  // namespace rs::findings
