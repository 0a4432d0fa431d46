#include "core/findings/measures/hair_support.hpp"

#include <cmath>
#include <cstdint>

namespace rs::findings {
namespace {
// hair_colour samples the band from kHairBandFrom to kHairBandTo of the way from the head top down
// to the brows (below the crown's highlights, above a fringe's edge), kHairBandHalf face widths
// either side of the centre, and needs kMinHairPixels pixels that are not skin.
constexpr double kHairBandFrom = 0.15, kHairBandTo = 0.45, kHairBandHalf = 0.2;
constexpr int kMinHairBand = 10;
constexpr std::size_t kMinHairPixels = 10;
}  // namespace

std::optional<cv::Vec3f> hair_colour(const PhotoContext& ctx) {
  const BackgroundMap& bg = ctx.background();
  if (!bg.head_top_sure) return std::nullopt;
  const FaceFrame& fr = ctx.frame();
  const double y0 = bg.head_top + kHairBandFrom * (fr.brow_top - bg.head_top),
               y1 = bg.head_top + kHairBandTo * (fr.brow_top - bg.head_top);
  const cv::Rect r = clip(cv::Rect(cv::Point(int(fr.centre_x - kHairBandHalf * fr.face_width), int(y0)),
                                   cv::Point(int(fr.centre_x + kHairBandHalf * fr.face_width), int(y1))),
                          ctx.size());
  if (r.area() < kMinHairBand) return std::nullopt;
  // The band can hold a parting or a high forehead (ppp_003: skin and highlights lift the mean to
  // L 77 over hair of L 20-30), so the median of its pixels that are not skin.
  std::vector<cv::Vec3b> hair;
  for (int y = r.y; y < r.y + r.height; ++y)
    for (int x = r.x; x < r.x + r.width; ++x) {
      const cv::Vec3b p = ctx.lab().at<cv::Vec3b>(y, x);
      if (!(ctx.skin().valid && ctx.skin().is_skin(p))) hair.push_back(p);
    }
  if (hair.size() < kMinHairPixels) return std::nullopt;
  return cv::Vec3f(channel_medians(hair));
}

bool is_background(const PhotoContext& ctx, const cv::Vec3b& p, int x, int y, double tolerance) {
  const BackgroundMap& bg = ctx.background();
  const int fx = static_cast<int>(x * bg.scale), fy = static_cast<int>(y * bg.scale);
  if (bg.flood.at<std::uint8_t>(std::min(fy, bg.flood.rows - 1), std::min(fx, bg.flood.cols - 1))) return true;
  return lab_distance(p, bg.seed_lab, kHairLightness) < tolerance;
}

}  // namespace rs::findings
