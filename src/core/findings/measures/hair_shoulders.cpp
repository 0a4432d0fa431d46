// hair.shoulders: long hair hanging down beside the neck onto the shoulders. Per side, a band
// params.width inter-eye distances wide beside the jaw, from params.above_chin over the chin to
// params.below_chin under it; the value is the share of the band, on the worse side, that is the
// applicant's hair (hair_model, the band above the brows) hanging from above: connected, through
// hair, to hair at ear height above the band. That is what a person sees in long hair, and what
// neither a beard (it ends at the chin), a dark top whose shoulders rise into the band (wild_07:
// dark grey, the colour of her dark hair), nor a dark wall below ear height (wild_17's stage) has.
// A chin-length bob (ppp_011) fills the band's top and ends there.
// Not sure (warns at most, and says why): a head tilted past params.max_roll (the bands stand
// upright), too little hair above the brows to sample (less than params.min_hair_coverage of the
// band: a few dark frown lines under grey hair, wild_06), "hair" of a colour no hair has (a pink
// bonnet over braids, wild_09), or hair of the wall's colour where the background map cannot tell
// them apart (its flood ran through the face).
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
constexpr double kJawGap = 0.05;       // inter-eye distances between the jaw line and a band (the jaw's own shadow)
constexpr double kWallTolerance = 14;  // is_wall's colour tolerance (as the hair rules' spec tolerance)
// Hair colour and wall colour this close (hair model deviations) cannot be told apart by colour.
constexpr double kHairLikeWall = 5.0;
// Hair colours: greys, browns and blacks (chroma up to kGreyHairChroma, 8-bit a, b levels from
// grey), or red to yellow hues (kHairHueFrom..kHairHueTo degrees, a* towards b*) up to
// kMaxHairChroma. A pink bonnet or a blue scarf sampled above the brows is not hair.
constexpr double kGreyHairChroma = 15, kMaxHairChroma = 45, kHairHueFrom = 15, kHairHueTo = 100;

bool natural_hair(const HairModel& hair, double min_coverage) {
  if (!hair.valid || hair.coverage < min_coverage) return false;
  const double a = hair.median[1] - 128.0, b = hair.median[2] - 128.0, chroma = std::hypot(a, b);
  if (chroma <= kGreyHairChroma) return true;
  const double hue = std::atan2(b, a) * 180.0 / CV_PI;
  return chroma <= kMaxHairChroma && hue >= kHairHueFrom && hue <= kHairHueTo;
}

class HairShoulders final : public Measure {
 public:
  std::string_view id() const override { return "hair.shoulders"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "HAIR_SHOULDERS"; }
  std::vector<std::string_view> params() const override {
    return {"width", "above_chin", "below_chin", "min_hair_coverage", "max_roll"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, Cause::NoSkinReference);
    const HairModel hair = hair_model(ctx);
    const bool natural = natural_hair(hair, rule.param("min_hair_coverage"));
    const bool trust_flood = flood_stayed_off_face(ctx);
    double worst = 0;
    std::vector<Shape> outlines;
    for (int from : {0, 16}) {
      const Band band = band_of(ctx, rule, from);
      const double share = natural ? hanging_share(ctx, hair, trust_flood, band, from) : 0;
      worst = std::max(worst, share);
      outlines.push_back(rect_shape(band.zone, fmt(share * 100, 0) + "%"));
    }
    Finding f = judged(rule, worst);
    f.geometry = std::move(outlines);
    if (std::abs(ctx.face().roll_deg) > rule.param("max_roll"))
      mark_unsure(f, Cause::HeadTilted);  // the bands stand upright beside a jaw that does not
    else if (!natural)
      mark_unsure(f, Cause::NoHairColour);
    else if (!trust_flood && hair.distance(ctx.background().seed_lab) < kHairLikeWall)
      mark_unsure(f, Cause::HairLikeBackground);
    return f;
  }

 private:
  struct Band {
    cv::Rect zone;    // what is measured
    cv::Rect column;  // the zone and the column above it up to ear height, where hanging hair comes from
  };

  // A band of `width` beside one side of the jaw, upright from `above_chin` over the chin to
  // `below_chin` under it; its inner edge is where the jaw line is at the band's top.
  static Band band_of(const PhotoContext& ctx, const RuleSpec& rule, int from) {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    const double w = rule.param("width") * ied, gap = kJawGap * ied;
    const double top = lm[8].y - rule.param("above_chin") * ied, bottom = lm[8].y + rule.param("below_chin") * ied;
    const double ear = std::min(top, static_cast<double>(lm[from == 0 ? 1 : 15].y));
    const double inner = from == 0 ? jaw_x(lm, 0, 1, top) - gap : jaw_x(lm, 16, -1, top) + gap;
    const double x0 = from == 0 ? inner - w : inner, x1 = from == 0 ? inner : inner + w;
    auto R = [&](double y0, double y1) {
      return clip(cv::Rect(cv::Point(cvRound(x0), cvRound(y0)), cv::Point(cvRound(x1), cvRound(y1))), ctx.size());
    };
    return {R(top, bottom), R(ear, bottom)};
  }

  // The jaw contour's x at height y, walking from landmark `from` (0 or 16) towards the chin (8).
  static double jaw_x(const std::vector<Point>& lm, int from, int step, double y) {
    for (int i = from; i != 8; i += step) {
      const Point a = lm[i], b = lm[i + step];
      if (y >= a.y && y <= b.y && b.y > a.y) return a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y);
    }
    return y < lm[from].y ? lm[from].x : lm[8].x;
  }

  // Share of the zone's pixels that are hair and 8-connected, through hair, to the column's top
  // row at ear height: hair hangs from above, clothing rises from below, a beard ends at the chin.
  // Pixels inside the face's outline (the jaw line at their row) are never hair: a cheek on the
  // dark side of side light is as dark and grey as black hair (wild_06).
  static double hanging_share(const PhotoContext& ctx, const HairModel& hair, bool trust_flood, const Band& band,
                              int from) {
    const cv::Rect& c = band.column;
    if (band.zone.area() < kMinZonePixels || c.area() < kMinZonePixels) return 0;
    const auto& lm = ctx.face().landmarks;
    const double gap = kJawGap * ctx.frame().ied;
    cv::Mat mask(c.size(), CV_8U);
    for (int y = 0; y < c.height; ++y) {
      const double edge = from == 0 ? jaw_x(lm, 0, 1, y + c.y) - gap : jaw_x(lm, 16, -1, y + c.y) + gap;
      for (int x = 0; x < c.width; ++x) {
        const bool inside = from == 0 ? x + c.x > edge : x + c.x < edge;
        if (inside) {
          mask.at<std::uint8_t>(y, x) = 0;
          continue;
        }
        const cv::Vec3b p = ctx.lab().at<cv::Vec3b>(y + c.y, x + c.x);
        const double dh = hair.distance(p);
        // The flood follows blurred hair into a blurred wall; a pixel in the hair's core colour is
        // hair even where it reached (a wall of that colour makes the finding unsure instead).
        const bool wall = dh < kHairCore ? is_wall(ctx, p, x + c.x, y + c.y, kWallTolerance, false)
                                         : is_wall(ctx, p, x + c.x, y + c.y, kWallTolerance, trust_flood);
        const bool hairy =
            dh <= kHairSigmas && !(skin_hued(ctx.skin(), p) && dh >= kHairCore) && !ctx.skin().is_skin(p) && !wall;
        mask.at<std::uint8_t>(y, x) = hairy ? 255 : 0;
      }
    }
    cv::Mat labels;
    const int n = cv::connectedComponents(mask, labels, 8, CV_32S);
    std::vector<bool> hangs(n, false);
    for (int x = 0; x < c.width; ++x) hangs[labels.at<int>(0, x)] = mask.at<std::uint8_t>(0, x) != 0;
    // Counted from the chin down: a chin-length bob fills the band above the chin and ends there.
    const int from_row = std::max(band.zone.y, cvRound(lm[8].y)) - c.y;
    long hits = 0, counted = 0;
    for (int y = from_row; y < c.height; ++y)
      for (int x = 0; x < c.width; ++x) {
        hits += hangs[labels.at<int>(y, x)];
        ++counted;
      }
    return counted ? static_cast<double>(hits) / counted : 0;
  }
};
}  // namespace
std::unique_ptr<Measure> make_hair_shoulders() { return std::make_unique<HairShoulders>(); }
}  // namespace rs::findings
