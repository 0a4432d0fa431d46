// hair.ears: is an ear hidden under hair? A person looks beside the face at ear height for the ear
// (a flap of skin at the head's side) and, where there is none, for hair over the place. So per
// side, a zone params.width inter-eye distances wide outside the jaw line, from landmark 0/16 (eye
// height) down to 4/12 (a child's ears sit low):
// - the ear: the largest blob of ear-coloured pixels, at least params.ear_area of the zone and
//   params.ear_height inter-eye distances tall. Ear-coloured is the skin's hue at any shade (an
//   ear in shadow keeps its hue and chroma but not the cheeks' lightness: wild_01, wild_11), thin
//   strands of lit hair are opened away first;
// - the hair: rows whose pixels are mostly the applicant's hair (hair_model, the band above the
//   brows) and not ear-coloured, among the rows that are not wall alone.
// Value: the share of hair rows on the worse side without an ear (0 where an ear shows; the spec's
// bands judge it, and the label's warning counts). Hair
// hanging behind a visible ear (a bob, wild_11's lobe aside) is not hair over the ear; an ear
// hidden by a turned head leaves a zone of background, which is not hair either.
// Not sure (the finding warns at most, and says why): skin of too little colour to tell an ear by
// (an overexposed or grey face), no hair to sample, hair of the skin's own colour (blonde, auburn:
// a strand reads as an ear), a photo whose background map flooded through hair into a good part
// of the face (hair, skin and wall shade into each other there: wild_05's blonde hair on a warm
// dark bar read as two ears), or neither an ear nor hair on either side.
#include <opencv2/imgproc.hpp>

#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
// A pixel within kHairSigmas of the hair model is hair, unless it is ear-coloured (skin_hued) and
// outside the model's core (hair_support.hpp: brown hair keeps the skin's hue).
constexpr double kJawGap = 0.03;      // inter-eye distances between the jaw line and the zone
constexpr double kStrandOpen = 0.04;  // inter-eye distances: opening radius that removes lit strands
constexpr double kHairRow = 0.5;      // a row is hair when this share of it is hair
constexpr double kWallRow = 0.2;      // and wall when less than this share is hair or ear-coloured

enum class Side { Ear, Hair, Open };  // Open: nothing to read (the zone is off the photo)
struct SideReading {
  double ear_area = 0, ear_height = 0, hair_rows = 0;
  Side side = Side::Open;
  Polygon outline;
};

class HairEars final : public Measure {
 public:
  std::string_view id() const override { return "hair.ears"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "HAIR_EARS"; }
  std::vector<std::string_view> params() const override {
    return {"width", "above", "ear_area", "ear_height", "min_skin_chroma", "min_hair_contrast", "max_face_flooded"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const SkinModel& skin = ctx.skin();
    if (!skin.valid) return not_assessed(rule, Cause::NoSkinReference);
    const HairModel hair = hair_model(ctx);
    double worst = 0;
    int ears = 0;
    std::vector<Shape> shapes;
    for (int from : {0, 16}) {
      const SideReading s = read_side(ctx, rule, hair, from);
      const double value = s.side == Side::Hair ? s.hair_rows : 0;
      worst = std::max(worst, value);
      ears += s.side == Side::Ear;
      std::vector<Point> pts;
      for (const auto& p : s.outline) pts.push_back({float(p.x), float(p.y)});
      if (!pts.empty()) pts.push_back(pts.front());
      const std::string label = s.side == Side::Ear ? "ear" : "hair " + fmt(s.hair_rows * 100, 0) + "%";
      shapes.push_back(polyline_shape(std::move(pts), label));
    }
    Finding f = judged(rule, worst);
    f.geometry = std::move(shapes);
    const double chroma = std::hypot(skin.mean[1] - 128.0, skin.mean[2] - 128.0);
    if (chroma < rule.param("min_skin_chroma"))
      mark_unsure(f, Cause::NoSkinColour);
    else if (!hair.valid)  // then nothing tells an ear from a strand of hair of the skin's tone
      mark_unsure(f, Cause::NoHairColour);
    else if ((hair.valid && lab_distance(hair.median, skin.mean, kHairLightness) < rule.param("min_hair_contrast")) ||
             flooded_face_share(ctx) > rule.param("max_face_flooded"))
      mark_unsure(f, Cause::HairLikeSkin);
    else if (ears == 0 && f.verdict == Verdict::Pass)
      mark_unsure(f, Cause::NoEarsSeen);
    return f;
  }

 private:
  // The jaw line's x at height y, walking down from landmark `from` (0 or 16) over five points.
  static double jaw_x(const std::vector<Point>& lm, int from, double y) {
    const int step = from == 0 ? 1 : -1;
    for (int i = from; i != from + 5 * step; i += step) {
      const Point a = lm[i], b = lm[i + step];
      if (y >= a.y && y <= b.y && b.y > a.y) return a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y);
    }
    return y < lm[from].y ? lm[from].x : lm[from + 5 * step].x;
  }

  static SideReading read_side(const PhotoContext& ctx, const RuleSpec& rule, const HairModel& hair, int from) {
    SideReading out;
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied, outward = from == 0 ? -1 : 1;
    const int step = from == 0 ? 1 : -1;
    const int y0 = std::max(0, cvRound(lm[from].y - rule.param("above") * ied));
    const int y1 = std::min(ctx.size().height - 1, cvRound(lm[from + 4 * step].y));
    const int len = cvRound(rule.param("width") * ied), gap = cvRound(kJawGap * ied);
    if (y1 <= y0 || len < 2) return out;
    // The zone's bounding box holds the ear-coloured mask for the blob search.
    const double xa = jaw_x(lm, from, y0) + outward * gap, xb = jaw_x(lm, from, y1) + outward * gap;
    const int left = cvRound(std::min(xa, xb) - (outward < 0 ? len : 0)),
              right = cvRound(std::max(xa, xb) + (outward > 0 ? len : 0));
    const cv::Rect box = clip(cv::Rect(cv::Point(left, y0), cv::Point(right + 1, y1 + 1)), ctx.size());
    if (box.area() < kMinZonePixels) return out;
    cv::Mat ear(box.size(), CV_8U, cv::Scalar(0));
    long zone = 0;
    int rows = 0, hair_rows = 0;
    for (int y = y0; y <= y1; ++y) {
      const double xc = jaw_x(lm, from, y) + outward * gap;
      int n = 0, hairy = 0, skinny = 0;
      for (int k = 0; k <= len; ++k) {
        const int x = cvRound(xc + outward * k);
        if (x < box.x || x >= box.x + box.width) break;
        const cv::Vec3b p = ctx.lab().at<cv::Vec3b>(y, x);
        const double dh = hair.valid ? hair.distance(p) : 1e9;
        const bool skin_like = skin_hued(ctx.skin(), p) && dh >= kHairCore;
        if (skin_like) ear.at<std::uint8_t>(y - box.y, x - box.x) = 255;
        hairy += !skin_like && dh <= kHairSigmas;
        skinny += skin_like;
        ++n;
      }
      if (n < 2) continue;
      zone += n;
      // Rows of wall alone (below a lobe, beside a turned head) say nothing about hair over an ear.
      if (hairy + skinny >= kWallRow * n) ++rows;
      hair_rows += hairy >= kHairRow * n;
    }
    out.outline = {cv::Point(cvRound(jaw_x(lm, from, y0) + outward * gap), y0),
                   cv::Point(cvRound(jaw_x(lm, from, y0) + outward * (gap + len)), y0),
                   cv::Point(cvRound(jaw_x(lm, from, y1) + outward * (gap + len)), y1),
                   cv::Point(cvRound(jaw_x(lm, from, y1) + outward * gap), y1)};
    if (zone == 0) return out;
    out.hair_rows = rows ? double(hair_rows) / rows : 0;
    largest_blob(ear, kStrandOpen * ied, out);
    out.ear_area /= double(zone);
    out.ear_height /= ied;
    out.side =
        out.ear_area >= rule.param("ear_area") && out.ear_height >= rule.param("ear_height") ? Side::Ear : Side::Hair;
    return out;
  }

  // The largest 8-connected blob of `mask` once opened with a disc of `radius` px: its area and
  // height in px, into `out`.
  static void largest_blob(cv::Mat& mask, double radius, SideReading& out) {
    const int r = std::max(1, cvRound(radius));
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * r + 1, 2 * r + 1}));
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8);
    for (int c = 1; c < n; ++c) {
      const double area = stats.at<int>(c, cv::CC_STAT_AREA);
      if (area <= out.ear_area) continue;
      out.ear_area = area;
      out.ear_height = stats.at<int>(c, cv::CC_STAT_HEIGHT);
    }
  }
};
}  // namespace
std::unique_ptr<Measure> make_hair_ears() { return std::make_unique<HairEars>(); }
}  // namespace rs::findings
