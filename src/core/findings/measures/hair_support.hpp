#pragma once
// Shared by the hair measures (hair.eyebrows, hair.ears, hair.shoulders): each looks at a pair of
// polygons beside the face and counts the pixels that look like hair there; the value is the
// larger of the two shares.
#include <algorithm>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/colour.hpp"
#include "core/findings/context.hpp"
#include "core/findings/measure.hpp"

namespace rs::findings {

using Polygon = std::vector<cv::Point>;

constexpr int kMinZonePixels = 4;  // a zone cut smaller by the photo's edge reads as no hair

// The lightness scale of the hair measures' colour distance (lab_distance(p, q, kHairLightness)):
// half a unit per stored 8-bit L level, meant as "lightness counts half" because shading changes
// lightness more than hue. Stored L is 2.55 levels per L* unit, so this is 1.275 per L* unit: a
// little more than in ΔE76 (kDeltaE76), not half. The spec's background_tolerance (via
// is_background) and hair_tolerance (background.uniformity, hair.shoulders) were tuned with it.
inline constexpr LightnessScale kHairLightness{1, 2};

// Hair colour (8-bit Lab): the per-channel median of the non-skin pixels in the middle of the band
// between the head top and the hairline, when the head top was found against the background.
std::optional<cv::Vec3f> hair_colour(const PhotoContext& ctx);

// The applicant's hair as a colour distribution (8-bit Lab): per-channel medians and robust
// deviations of the pixels in the band above the brows that are neither skin nor background, so
// blonde and auburn hair are sampled as well as dark hair, and a head top cut by the photo does
// not matter (hair_colour needs the head top). distance() is in deviations, as SkinModel's.
struct HairModel {
  bool valid = false;
  double coverage = 0;  // share of the sampled band that is hair
  cv::Vec3f median{0, 0, 0};
  cv::Vec3f sd{0, 0, 0};
  double distance(const cv::Vec3b& p) const;
};
HairModel hair_model(const PhotoContext& ctx);

// A pixel within kHairSigmas deviations of the hair model is hair, unless it has the skin's hue
// (skin_hued) and lies outside the model's kHairCore deviations: brown hair keeps the skin's hue,
// an ear or a cheek in shadow keeps it too.
inline constexpr double kHairSigmas = 3.0, kHairCore = 1.5;

// The skin's hue at any shade: within about 25 degrees of the cheeks' hue, at least 0.45 of their
// chroma (and 4 levels), at least a quarter of their lightness. An ear in the shade of short hair
// or a cheek on the dark side of side light keeps the hue and chroma, not the light.
bool skin_hued(const SkinModel& skin, const cv::Vec3b& p);

// False when the background map's flood ran through the face (more than a few per cent of the
// face's skin "background": a dark bar behind blonde hair, a wall of the skin's colour). Where it
// did, the flood cannot tell hair from wall either, and only colours should.
bool flood_stayed_off_face(const PhotoContext& ctx);
// The share of the face's skin (every other pixel of PhotoContext::skin_mask) the flood reached.
double flooded_face_share(const PhotoContext& ctx);
// Whether the background map's flood reached photo pixel (x, y).
bool flooded(const BackgroundMap& bg, int x, int y);

// True when the pixel at photo (x, y) with Lab `p` belongs to the background: reached by the
// background flood, or within `tolerance` of the wall's colour.
bool is_background(const PhotoContext& ctx, const cv::Vec3b& p, int x, int y, double tolerance);
// is_background with the flood only where it stayed off the face (flood_stayed_off_face).
bool is_wall(const PhotoContext& ctx, const cv::Vec3b& p, int x, int y, double tolerance, bool trust_flood);

struct ZoneShares {
  double worst = 0;             // the larger share
  std::vector<double> shares;   // each polygon's, in order
  std::vector<Shape> outlines;  // each polygon, closed, labelled with its share in %
};

// Share of each polygon's pixels for which hairy(lab pixel, photo x, photo y) holds.
template <class Hairy>
ZoneShares zone_shares(const PhotoContext& ctx, const std::vector<Polygon>& zones, Hairy hairy) {
  ZoneShares out;
  for (const Polygon& poly : zones) {
    const cv::Rect r = clip(cv::boundingRect(poly), ctx.size());
    double share = 0;
    if (r.area() >= kMinZonePixels) {
      cv::Mat mask = cv::Mat::zeros(r.size(), CV_8U);
      Polygon local;
      for (const auto& p : poly) local.emplace_back(p.x - r.x, p.y - r.y);
      cv::fillPoly(mask, std::vector<Polygon>{local}, cv::Scalar(255));
      long n = 0, hits = 0;
      for (int y = 0; y < r.height; ++y)
        for (int x = 0; x < r.width; ++x) {
          if (!mask.at<std::uint8_t>(y, x)) continue;
          ++n;
          hits += hairy(ctx.lab().at<cv::Vec3b>(y + r.y, x + r.x), x + r.x, y + r.y);
        }
      share = n ? static_cast<double>(hits) / n : 0;
    }
    out.worst = std::max(out.worst, share);
    out.shares.push_back(share);
    std::vector<Point> pts;
    for (const auto& p : poly) pts.push_back({float(p.x), float(p.y)});
    pts.push_back(pts.front());
    out.outlines.push_back(polyline_shape(std::move(pts), fmt(share * 100, 0) + "%"));
  }
  return out;
}

}  // namespace rs::findings
