#include "core/findings/skin.hpp"

#include <algorithm>
#include <cmath>

namespace rs::findings {

bool SkinModel::is_skin(const cv::Vec3b& p, double sigmas) const {
  if (!valid) return false;
  const double da = (p[1] - mean[1]) / std::max(sd[1], 2.5f);
  const double db = (p[2] - mean[2]) / std::max(sd[2], 2.5f);
  // Shading changes lightness much more than chroma, so lightness gets a wide, one-sided margin.
  const bool light_ok = p[0] > 0.45 * mean[0] && p[0] < mean[0] + 3 * sd[0] + 45;
  return light_ok && da * da + db * db < sigmas * sigmas;
}

double SkinModel::share(const cv::Mat& lab, const cv::Rect& roi, const cv::Mat& mask) const {
  const cv::Rect r = clip(roi, lab.size());
  int n = 0, skin = 0;
  for (int y = r.y; y < r.y + r.height; ++y) {
    const auto* row = lab.ptr<cv::Vec3b>(y);
    const std::uint8_t* m = mask.empty() ? nullptr : mask.ptr<std::uint8_t>(y);
    for (int x = r.x; x < r.x + r.width; ++x) {
      if (m && !m[x]) continue;
      ++n;
      skin += is_skin(row[x]);
    }
  }
  return n ? static_cast<double>(skin) / n : 0.0;
}

SkinModel skin_model(const cv::Mat& lab, const FaceFrame& frame) {
  SkinModel m;
  const double side = std::max(4.0, frame.ied * 0.28);
  cv::Mat samples;
  for (const Point& c : {frame.right_cheek, frame.left_cheek}) {
    const cv::Rect r = square_at(c, side, lab.size());
    if (r.area() < 4) continue;
    samples.push_back(lab(r).clone().reshape(3, r.area()));
  }
  if (samples.rows < 8) return m;
  // Median-centred statistics so that a freckle or a strand of hair does not move the model.
  std::vector<cv::Mat> ch;
  cv::split(samples, ch);
  for (int c = 0; c < 3; ++c) {
    std::vector<std::uint8_t> v(ch[c].begin<std::uint8_t>(), ch[c].end<std::uint8_t>());
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    const float med = v[v.size() / 2];
    std::vector<float> dev;
    dev.reserve(v.size());
    for (auto x : v) dev.push_back(std::fabs(x - med));
    std::nth_element(dev.begin(), dev.begin() + dev.size() / 2, dev.end());
    m.mean[c] = med;
    m.sd[c] = 1.4826f * dev[dev.size() / 2] + 0.5f;
  }
  m.valid = true;
  return m;
}

}  // namespace rs::findings
