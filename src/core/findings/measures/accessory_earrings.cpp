// accessory.earrings: small, compact bright blobs (pearls, studs, metal) at or just below the ear
// lobes, found with a white top-hat and kept only when round-ish, of jewellery size, not touching
// the search box's edge (hair highlights run long), not hanging further than params.max_drop below
// the lobe (collars and shirt buttons sit lower), not skin-coloured (a highlight on a bare ear
// keeps the skin's hue) and surrounded by hair or skin rather than background (a bright notch at
// the edge of a white wall is not an island). On a wall darker than the skin, the wall, grown by
// params.wall_margin into the person, is whitened before the top-hat and holds no blob: against
// a darker wall the whole ear is a bright strip narrower than the top-hat's kernel, so the ear's
// highlights and the light seam where it meets the wall stood out as islands on a blue wall
// (2026-11-22, collage_e/f_bg_blue) while the same ears passed on white. Value: the blob count.
// A blob is never smaller than params.min_blob_px pixels, whatever the face's size: on a small face
// (wild_04, 57 px between the eyes; wild_23, 23 px) the size band let in 1-5 px specks, a wall's
// notch between ear and cheek or a JPEG artefact, where nothing is seen that could be told from a
// stud.
// Coloured stones (a lilac or blue crystal stud, a green or purple gem) are often smaller than the
// top-hat above and on a lobe that is itself a bright island in dark hair, so the lobe and the
// stone come out as one skin-coloured blob: a second, stud-sized top-hat (params.stud) keeps
// blobs from params.min_blob_px px up whose colour no skin has, chroma at least
// params.gem_chroma and hue at least params.gem_hue_deg from the skin's (a highlight, gold, a
// pearl or a shadow keeps a skin-like hue; a grey wall or hair has no chroma), with the other
// tests as above.
// Not sure, when nothing was found but a blob that is jewellery in all but its colour, which is
// the skin's (a pearl or bead of that colour, or light on the lobe: SkinColouredBead); and when
// nothing was found and the background flood ran through the face and over most
// of a lobe's place (more than params.max_lobe_flooded of the zone params.max_drop below it and
// kLobeOut outside it): there the measure cannot tell the wall from the hair around the lobe.
// A heuristic: it asks the reviewer to look (warn) rather than failing.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"
#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
// The search box beside each lobe (landmarks 2 and 14), in inter-eye distances: kBoxOut outwards
// and kBoxIn inwards of the lobe, from kBoxAbove above it to kBoxBelow below the jaw at landmarks
// 4 / 12 (an earring hangs; a collar starts lower). At least kMinBox px a side.
constexpr double kBoxOut = 0.4, kBoxIn = 0.02, kBoxAbove = 0.1, kBoxBelow = 0.2;
constexpr int kMinBox = 4;
constexpr double kLobeOut = 0.2;  // the lobe's place: this far out of landmark 2 / 14
constexpr int kMinKernel = 3;     // px: the top-hat's smallest (odd) kernel
// Jewellery is compact: no longer than kMaxElongation times its width, filling at least kMinFill
// of its box (hair highlights run long and thin).
constexpr double kMaxElongation = 2.0, kMinFill = 0.5;
constexpr int kRingPx = 2;  // the ring around a blob that must not be wall

// Share of the kRingPx ring around a blob (masks in the search box's coordinates) that is wall.
double ring_wall_share(const cv::Mat& blob, const cv::Mat& wall) {
  cv::Mat ring;
  cv::dilate(blob, ring, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * kRingPx + 1, 2 * kRingPx + 1)));
  ring &= ~blob;
  const double n = cv::countNonZero(ring);
  return n > 0 ? cv::countNonZero(ring & wall) / n : 0;
}

// The wall in `r` (255): the background flood, at the photo's scale. Only the flood counts, not
// the wall's colour: a pearl's highlight can be as white as a white wall.
cv::Mat flood_in(const PhotoContext& ctx, const cv::Rect& r) {
  const BackgroundMap& bg = ctx.background();
  cv::Mat wall(r.size(), CV_8U);
  for (int y = 0; y < r.height; ++y) {
    const int fy = std::min(static_cast<int>((y + r.y) * bg.scale), bg.flood.rows - 1);
    std::uint8_t* w = wall.ptr<std::uint8_t>(y);
    for (int x = 0; x < r.width; ++x)
      w[x] = bg.flood.at<std::uint8_t>(fy, std::min(static_cast<int>((x + r.x) * bg.scale), bg.flood.cols - 1));
  }
  return wall;
}

class Earrings final : public Measure {
 public:
  std::string_view id() const override { return "accessory.earrings"; }
  std::string_view unit() const override { return "blobs"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  std::vector<std::string_view> params() const override {
    return {"blob",       "max_drop",    "wall_margin",         "contrast",    "min_area",        "max_area", "stud",
            "gem_chroma", "gem_hue_deg", "max_background_ring", "min_blob_px", "max_lobe_flooded"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    const Scale jewel{kernel_of(rule.param("blob") * ied),
                      std::max(rule.param("min_area") * ied * ied, rule.param("min_blob_px")), false};
    const Scale gem{kernel_of(rule.param("stud") * ied), rule.param("min_blob_px"), true};
    int count = 0;
    double flooded_lobe = 0;           // the larger share of a lobe's place the flood reached
    std::vector<cv::Rect> skin_beads;  // jewellery-shaped blobs of the skin's colour
    std::vector<Shape> shapes;
    for (int side = 0; side < 2; ++side) {
      const Point lobe = side == 0 ? lm[2] : lm[14];
      const double out = side == 0 ? -1 : 1;
      const double jaw_y = lm[side == 0 ? 4 : 12].y;
      const cv::Rect r =
          clip(cv::Rect(cv::Point(cvRound(lobe.x + out * kBoxOut * ied), cvRound(lobe.y - kBoxAbove * ied)),
                        cv::Point(cvRound(lobe.x - out * kBoxIn * ied), cvRound(jaw_y + kBoxBelow * ied))),
               ctx.size());
      if (r.width < kMinBox || r.height < kMinBox) continue;
      shapes.push_back(rect_shape(r));
      const cv::Rect lobe_zone =
          clip(cv::Rect(cv::Point(cvRound(lobe.x + out * kLobeOut * ied), cvRound(lobe.y - kBoxAbove * ied)),
                        cv::Point(cvRound(lobe.x), cvRound(lobe.y + rule.param("max_drop") * ied))),
               ctx.size());
      if (!lobe_zone.empty()) flooded_lobe = std::max(flooded_lobe, cv::mean(flood_in(ctx, lobe_zone))[0] / 255);
      const double lowest = lobe.y + rule.param("max_drop") * ied;
      Found jewels = blobs(ctx, r, jewel, ied, rule);
      std::vector<cv::Rect>& found = jewels.coloured;
      for (const cv::Rect& stone : blobs(ctx, r, gem, ied, rule).coloured)  // not again what the first found
        if (std::none_of(found.begin(), found.end(), [&](const cv::Rect& b) { return (b & stone).area() > 0; }))
          found.push_back(stone);
      auto hangs_too_low = [&](const cv::Rect& blob) { return blob.y + r.y + blob.height / 2.0 > lowest; };
      for (const cv::Rect& blob : found) {
        if (hangs_too_low(blob)) continue;
        ++count;
        shapes.push_back(rect_shape(blob + r.tl(), "?"));
      }
      for (const cv::Rect& blob : jewels.skin_coloured)
        if (!hangs_too_low(blob)) skin_beads.push_back(blob + r.tl());
    }
    Finding f = judged(rule, count);
    f.geometry = std::move(shapes);
    // Where the background flood ran through the face (hair of the wall's shade, a face in deep
    // shadow, a washed-out photo) and over most of a lobe's place, the wall kept out of the search
    // holds the lobe: seeing nothing there is not seeing that there is nothing (wild_12's gold
    // stud on a lobe in the shade of hair the flood ran through).
    if (count == 0 && !flood_stayed_off_face(ctx) && flooded_lobe > rule.param("max_lobe_flooded"))
      mark_unsure(f, Cause::HairLikeBackground);
    // A blob with every mark of jewellery but the skin's colour is a pearl or a bead of that colour
    // (wild_18's pink pearl) or light on the lobe: the colour test cannot tell them apart, a person can.
    if (count == 0 && !skin_beads.empty()) {
      for (const cv::Rect& b : skin_beads) f.geometry.push_back(rect_shape(b, "?"));
      mark_unsure(f, Cause::SkinColouredBead);
    }
    return f;
  }

 private:
  // A top-hat's scale: its kernel, the smallest blob kept, and whether a blob must have a gem's colour.
  struct Scale {
    cv::Mat kernel;
    double min_area = 0;
    bool gem = false;
  };
  static cv::Mat kernel_of(double px) {
    const int k = std::max(kMinKernel, cvRound(px)) | 1;
    return cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k));
  }
  // True when Lab `m` has a colour no skin has (see the file's comment).
  static bool gem_colour(const PhotoContext& ctx, const cv::Scalar& m, const RuleSpec& rule) {
    const double a = m[1] - 128, b = m[2] - 128, sa = ctx.skin().mean[1] - 128, sb = ctx.skin().mean[2] - 128;
    if (std::hypot(a, b) < rule.param("gem_chroma")) return false;
    double turn = std::abs(std::atan2(b, a) - std::atan2(sb, sa)) * 180 / CV_PI;
    if (turn > 180) turn = 360 - turn;
    return turn >= rule.param("gem_hue_deg");
  }

  // The blobs of a search box, in its coordinates: those of a colour no skin has, and those that
  // pass every other test but have the skin's colour.
  struct Found {
    std::vector<cv::Rect> coloured, skin_coloured;
  };
  Found blobs(const PhotoContext& ctx, const cv::Rect& r, const Scale& scale, double ied, const RuleSpec& rule) const {
    const cv::Mat flood = flood_in(ctx, r);
    cv::Mat grey = ctx.grey()(r).clone(), hat, bright, labels, stats, centroids;
    // On a wall darker than the skin the top-hat runs on the photo with the wall whitened: against
    // it the whole ear is a bright strip narrower than the kernel, and its highlights would stand
    // out as islands. The wall is grown by a margin that covers what the flood stops short of (it
    // runs at a coarser scale): the seam where the ear meets the wall, and the ear's rim, into
    // which the wall's colour bleeds (blended edge, JPEG chroma). A light wall is left as it is: a
    // drop earring hanging in front of it, ringed by its own shade, stays an island.
    cv::Mat wall;
    if (ctx.skin().valid && ctx.background().seed_lab[0] < ctx.skin().mean[0]) {
      const int margin = std::max(1, cvRound(rule.param("wall_margin") * ied));
      cv::dilate(flood, wall, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * margin + 1, 2 * margin + 1)));
      grey.setTo(255, wall);
    }
    cv::morphologyEx(grey, hat, cv::MORPH_TOPHAT, scale.kernel);
    cv::threshold(hat, bright, rule.param("contrast"), 255, cv::THRESH_BINARY);
    bright &= ~(wall.empty() ? flood : wall);
    const int n = cv::connectedComponentsWithStats(bright, labels, stats, centroids, 8);
    const double min_area = scale.min_area, max_area = rule.param("max_area") * ied * ied;
    Found out;
    for (int i = 1; i < n; ++i) {
      const cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
      const double area = stats.at<int>(i, cv::CC_STAT_AREA);
      if (area < min_area || area > max_area) continue;
      if (b.x == 0 || b.y == 0 || b.x + b.width >= r.width || b.y + b.height >= r.height) continue;
      if (std::max(b.width, b.height) > kMaxElongation * std::min(b.width, b.height) || area < kMinFill * b.area())
        continue;
      const cv::Mat blob = labels(b) == i;
      const cv::Scalar m = cv::mean(ctx.lab()(b + r.tl()), blob);
      const bool skin = ctx.skin().is_skin(
          cv::Vec3b(cv::saturate_cast<uchar>(m[0]), cv::saturate_cast<uchar>(m[1]), cv::saturate_cast<uchar>(m[2])));
      if (scale.gem && (skin || !ctx.skin().valid || !gem_colour(ctx, m, rule))) continue;
      if (ring_wall_share(labels == i, flood) > rule.param("max_background_ring")) continue;
      (skin ? out.skin_coloured : out.coloured).push_back(b);
    }
    return out;
  }
};
}  // namespace
std::unique_ptr<Measure> make_earrings() { return std::make_unique<Earrings>(); }
}  // namespace rs::findings
