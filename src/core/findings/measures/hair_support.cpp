#include "core/findings/measures/hair_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

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

namespace {
// hair_model samples face widths above the brows (the crown's front and a fringe's top, below a
// cut top edge as often as not) within kHairModelHalf face widths of the centre, skipping pixels
// within kHairModelSkinSigmas of the cheeks (a forehead lit otherwise) and the background (the
// map's test at kHairModelWallTolerance, as the hair rules' spec tolerance). It needs
// kMinHairModelPixels pixels. Deviations are at least kMinHairLightSd / kMinHairChromaSd levels:
// hair of one tone still varies that much with light.
constexpr double kHairModelFrom = 0.55, kHairModelTo = 0.12, kHairModelHalf = 0.4;
constexpr double kHairModelSkinSigmas = 4.5, kHairModelWallTolerance = 14;
constexpr std::size_t kMinHairModelPixels = 50;
constexpr float kMinHairLightSd = 8.0f, kMinHairChromaSd = 2.5f;
constexpr float kMadToSd = 1.4826f, kQuantisation = 0.5f;  // as the skin model (skin.cpp)
// skin_hued: cosine of the largest hue angle, chroma share and floor, lightness share.
constexpr double kHuedCos = 0.9, kHuedChroma = 0.45, kMinHuedChroma = 4, kHuedShade = 0.25;
// The flood is trusted while at most this share of the face's skin (every other pixel) is flooded.
constexpr double kFloodOnFaceMax = 0.05;
}  // namespace

bool flooded(const BackgroundMap& bg, int x, int y) {
  const int fx = std::min(static_cast<int>(x * bg.scale), bg.flood.cols - 1);
  const int fy = std::min(static_cast<int>(y * bg.scale), bg.flood.rows - 1);
  return bg.flood.at<std::uint8_t>(fy, fx) != 0;
}

double flooded_face_share(const PhotoContext& ctx) {
  const cv::Mat& skin = ctx.skin_mask();
  const BackgroundMap& bg = ctx.background();
  long n = 0, hits = 0;
  for (int y = 0; y < skin.rows; y += 2)
    for (int x = 0; x < skin.cols; x += 2) {
      if (!skin.at<std::uint8_t>(y, x)) continue;
      ++n;
      hits += flooded(bg, x, y);
    }
  return n ? static_cast<double>(hits) / n : 0;
}

bool flood_stayed_off_face(const PhotoContext& ctx) { return flooded_face_share(ctx) <= kFloodOnFaceMax; }

bool is_wall(const PhotoContext& ctx, const cv::Vec3b& p, int x, int y, double tolerance, bool trust_flood) {
  if (trust_flood && flooded(ctx.background(), x, y)) return true;
  return lab_distance(p, ctx.background().seed_lab, kHairLightness) < tolerance;
}

bool skin_hued(const SkinModel& skin, const cv::Vec3b& p) {
  const double sa = skin.mean[1] - 128.0, sb = skin.mean[2] - 128.0, cs = std::hypot(sa, sb);
  const double pa = p[1] - 128.0, pb = p[2] - 128.0, cp = std::hypot(pa, pb);
  if (cs < 1 || cp < std::max(kMinHuedChroma, kHuedChroma * cs)) return false;
  return (pa * sa + pb * sb) / (cs * cp) >= kHuedCos && p[0] >= kHuedShade * skin.mean[0];
}

double HairModel::distance(const cv::Vec3b& p) const {
  double sum = 0;
  for (int c = 0; c < 3; ++c) {
    const double d = (p[c] - median[c]) / sd[c];
    sum += d * d;
  }
  return std::sqrt(sum);
}

HairModel hair_model(const PhotoContext& ctx) {
  HairModel m;
  const FaceFrame& fr = ctx.frame();
  const SkinModel& skin = ctx.skin();
  const double fw = fr.face_width;
  const bool trust_flood = flood_stayed_off_face(ctx);
  std::vector<cv::Vec3b> hair;
  long band = 0;
  auto sample = [&](cv::Point a, cv::Point b) {
    const cv::Rect r = clip(cv::Rect(a, b), ctx.size());
    band += r.area();
    for (int y = r.y; y < r.y + r.height; ++y)
      for (int x = r.x; x < r.x + r.width; ++x) {
        const cv::Vec3b p = ctx.lab().at<cv::Vec3b>(y, x);
        if (skin.is_skin(p, kHairModelSkinSigmas) || is_wall(ctx, p, x, y, kHairModelWallTolerance, trust_flood))
          continue;
        hair.push_back(p);
      }
  };
  // Not the temples: beside a short-haired head they hold the wall, and a dark stage there reads
  // as the hair of anyone with dark hair (wild_17).
  sample({cvRound(fr.centre_x - kHairModelHalf * fw), cvRound(fr.brow_top - kHairModelFrom * fw)},
         {cvRound(fr.centre_x + kHairModelHalf * fw), cvRound(fr.brow_top - kHairModelTo * fw)});
  m.coverage = band ? static_cast<double>(hair.size()) / band : 0;
  if (hair.size() < kMinHairModelPixels) return m;
  const cv::Vec3b med = channel_medians(hair);
  std::vector<cv::Vec3b> dev(hair.size());
  for (std::size_t i = 0; i < hair.size(); ++i)
    for (int c = 0; c < 3; ++c) dev[i][c] = static_cast<std::uint8_t>(std::abs(hair[i][c] - med[c]));
  const cv::Vec3b mad = channel_medians(dev);
  m.valid = true;
  m.median = cv::Vec3f(med);
  for (int c = 0; c < 3; ++c)
    m.sd[c] = std::max(c == 0 ? kMinHairLightSd : kMinHairChromaSd, kMadToSd * mad[c] + kQuantisation);
  return m;
}

bool is_background(const PhotoContext& ctx, const cv::Vec3b& p, int x, int y, double tolerance) {
  const BackgroundMap& bg = ctx.background();
  const int fx = static_cast<int>(x * bg.scale), fy = static_cast<int>(y * bg.scale);
  if (bg.flood.at<std::uint8_t>(std::min(fy, bg.flood.rows - 1), std::min(fx, bg.flood.cols - 1))) return true;
  return lab_distance(p, bg.seed_lab, kHairLightness) < tolerance;
}

}  // namespace rs::findings
