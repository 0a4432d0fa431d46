#include "core/demo/demo_photos.hpp"

#include <cmath>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <stdexcept>

#include "core/demo/nod_morph.hpp"
#include "core/demo/spec_portrait.hpp"
#include "core/photo/crop.hpp"

namespace rs::demo {
namespace fs = std::filesystem;

std::vector<FaceSource> source_faces() {
  std::vector<FaceSource> out;
  std::error_code ec;
  for (const char* p : {"/usr/lib/python3/dist-packages/skimage/data/astronaut.png",
                        "/usr/lib/python3/dist-packages/imageio/resources/images/astronaut.png"})
    if (fs::exists(p, ec)) {
      // She smiles with her teeth showing.
      out.push_back({p, 0, 0, 0, 0, "astronaut", {{"mouth_open_or_teeth", true}}, true, true});  // flag, mottled grey
      break;  // the same photo; one copy is enough
    }
  if (out.empty())
    throw std::runtime_error("no demo face photo: install python3-skimage (bash .ci/setup) for astronaut.png");
  // dlib's collage of frontal portraits (libdlib19.1, installed with libdlib-dev): tiles with one
  // frontal face each, a closed mouth and the shoulders in the tile. Rectangles measured on the
  // collage's tile seams, a few pixels inside them. Tiles cut off just below the chin (streaks
  // where the crop extends them) or on busy backgrounds GrabCut cannot separate are left out.
  const fs::path collage = "/usr/share/doc/libdlib19.1/examples/faces/bald_guys.jpg";
  if (fs::exists(collage, ec)) {
    const std::map<std::string, std::optional<bool>> closed = {{"mouth_open_or_teeth", false}};
    // Light studio backdrop; strong side light darkens one cheek (a shadow or not is a judgement).
    // His chin is down (he looks up from under his brows, the tops of his ears sit at his brows):
    // pose.pitch reads 7-11° on his variants (2026-11-22), about 12-15° of real nod. No nod variants.
    out.push_back({collage,
                   831,
                   0,
                   275,
                   312,
                   "collage_b",
                   {{"mouth_open_or_teeth", false}, {"face_shadow", std::nullopt}, {"pitch_over_8", true}},
                   std::nullopt,
                   std::nullopt});
    out.push_back({collage, 728, 727, 270, 399, "collage_e", closed, false, false});  // white, suit and open collar
    out.push_back({collage, 35, 599, 244, 301, "collage_f", closed, true, true});     // crowd behind, suit
  }
  // A uniform cap and glasses: positives for the accessory and glasses keys. The flag's fringe
  // beside her shoulder survives the segmentation and the cap's top meets the frame, so the
  // background and head-top keys are not judged on her variants.
  const fs::path hopper = "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg";
  if (fs::exists(hopper, ec))
    out.push_back({hopper,
                   0,
                   0,
                   0,
                   0,
                   "hopper",
                   {{"mouth_open_or_teeth", false},
                    {"accessory", true},
                    {"glasses", true},
                    {"background_nonuniform", std::nullopt},
                    {"background_wrong_colour", std::nullopt},
                    {"head_top_cut", std::nullopt}},
                   true,
                   true,
                   false});
  return out;
}

namespace {
using Labels = std::map<std::string, std::optional<bool>>;

// Every label a variant answers: false unless the variant sets it.
Labels base_labels() {
  Labels l;
  for (const char* k :
       {"roll_over_8", "pitch_over_8", "too_dark", "too_bright", "blurred", "face_shadow", "background_nonuniform",
        "background_wrong_colour", "head_size_off", "head_top_cut", "eyes_closed", "occlusion", "accessory", "glasses"})
    l[k] = false;
  return l;
}

cv::Mat affine_on_white(const cv::Mat& img, const cv::Mat& m) {
  cv::Mat out;
  cv::warpAffine(img, out, m, img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(250, 250, 250));
  return out;
}

cv::Mat scaled(const SpecPortrait& p, double factor) {
  cv::Point2f c(float(p.eye_mid.x), float(p.eye_mid.y));
  return affine_on_white(p.on_white, cv::getRotationMatrix2D(c, 0, factor));
}

cv::Mat gain(const cv::Mat& img, double g, double offset = 0) {
  cv::Mat out;
  img.convertTo(out, -1, g, offset);
  return out;
}

// A shadow falling across one half of the face, with a soft edge down the nose.
cv::Mat half_shadow(const SpecPortrait& p, double strength) {
  cv::Mat f;
  p.on_white.convertTo(f, CV_32FC3, 1.0 / 255);
  cv::Mat ramp(f.size(), CV_32F);
  for (int x = 0; x < f.cols; ++x) {
    double t = 1.0 / (1.0 + std::exp((x - p.eye_mid.x) / 6.0));  // 1 on the image's left half
    ramp.col(x).setTo(1.0 - strength * t);
  }
  cv::Mat ramp3, mask3;
  cv::cvtColor(ramp, ramp3, cv::COLOR_GRAY2BGR);
  // Only the person is shaded; the background stays as it is.
  cv::cvtColor(p.person_alpha, mask3, cv::COLOR_GRAY2BGR);
  cv::Mat shaded = f.mul(ramp3);
  cv::Mat out = shaded.mul(mask3) + f.mul(cv::Scalar::all(1) - mask3);
  out.convertTo(out, CV_8UC3, 255);
  return out;
}

cv::Mat gradient_background(const cv::Size& s) {
  cv::Mat bg(s, CV_8UC3);
  for (int y = 0; y < s.height; ++y)
    for (int x = 0; x < s.width; ++x)
      bg.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(120 + x / 3), uchar(150 + y / 4), uchar(220 - x / 4));
  return bg;
}

struct VariantSpec {
  const char* variant;
  std::function<cv::Mat(const SpecPortrait&)> make;
  std::vector<std::pair<const char*, std::optional<bool>>> labels;
};

const std::vector<VariantSpec>& variant_specs() {
  static const std::vector<VariantSpec> specs = {
      {"clean", [](const SpecPortrait& p) { return p.on_white.clone(); }, {}},
      {"clean_warm", [](const SpecPortrait& p) { return gain(p.on_white, 1.03, 2); }, {}},
      {"shift",
       [](const SpecPortrait& p) { return affine_on_white(p.on_white, (cv::Mat_<double>(2, 3) << 1, 0, 48, 0, 1, 0)); },
       {{"head_size_off", true}}},
      {"scale_big",
       [](const SpecPortrait& p) { return scaled(p, 1.28); },
       {{"head_size_off", true}, {"head_top_cut", true}}},
      {"scale_small", [](const SpecPortrait& p) { return scaled(p, 0.76); }, {{"head_size_off", true}}},
      {"roll",
       [](const SpecPortrait& p) {
         return affine_on_white(p.on_white,
                                cv::getRotationMatrix2D(cv::Point2f(float(p.eye_mid.x), float(p.eye_mid.y)), 13, 1.0));
       },
       {{"roll_over_8", true}}},
      // Darkening greys the white background as well: its colour is not judged on this one.
      {"dark",
       [](const SpecPortrait& p) { return gain(p.on_white, 0.38); },
       {{"too_dark", true}, {"background_wrong_colour", std::nullopt}}},
      {"bright", [](const SpecPortrait& p) { return gain(p.on_white, 1.7, 60); }, {{"too_bright", true}}},
      {"blur",
       [](const SpecPortrait& p) {
         cv::Mat out;
         cv::GaussianBlur(p.on_white, out, cv::Size(0, 0), 3.2);
         return out;
       },
       {{"blurred", true}}},
      {"shadow", [](const SpecPortrait& p) { return half_shadow(p, 0.6); }, {{"face_shadow", true}}},
      {"bg_blue",
       [](const SpecPortrait& p) { return p.compose(cv::Mat(p.on_white.size(), CV_8UC3, cv::Scalar(200, 120, 40))); },
       {{"background_wrong_colour", true}}},
      {"bg_grey",
       [](const SpecPortrait& p) { return p.compose(cv::Mat(p.on_white.size(), CV_8UC3, cv::Scalar(128, 128, 128))); },
       {{"background_wrong_colour", true}}},
      {"bg_gradient",
       [](const SpecPortrait& p) { return p.compose(gradient_background(p.on_white.size())); },
       {{"background_nonuniform", true}, {"background_wrong_colour", true}}},
      {"bg_original", [](const SpecPortrait& p) { return p.original.clone(); }, {}},  // labels: the source's own
      {"mirror",
       [](const SpecPortrait& p) {
         cv::Mat out;
         cv::flip(p.on_white, out, 1);
         return out;
       },
       {}},
  };
  return specs;
}

// Nods, in the labelled set only (the demo queue keeps its variants and their order): the
// portrait morphed onto its own landmarks turned in 3D (nod_morph.hpp). dlib's landmarks follow a
// morphed nod only part of the way (2026-11-22, test_findings_pose.cpp: 36° down reads about 22°,
// 30° up about -22°), so the nods are large enough to read well beyond 8°.
// The morph's mesh ends at the landmarks and the frame: the ears and the hair's edge between them
// are sheared (a doubled ear rim, a zigzag fringe), which is the morph, not a nod. The accessory
// rules look exactly there (2026-11-22: with accessory labelled false, the three nod_down
// variants read earring warnings and her nodded cap lost its hat edge), so accessory is not
// judged on nods, and faces whose accessory is their labelled trait (her cap) are not nodded.
cv::Mat nod(const SpecPortrait& p, double deg) { return morph(p.on_white, p.face, nodded(p.face, deg)); }

const std::vector<VariantSpec>& nod_specs() {
  static const std::vector<VariantSpec> specs = {
      {"nod_down",
       [](const SpecPortrait& p) { return nod(p, 36); },
       {{"pitch_over_8", true}, {"accessory", std::nullopt}}},
      {"nod_up",
       [](const SpecPortrait& p) { return nod(p, -30); },
       {{"pitch_over_8", true}, {"accessory", std::nullopt}}},
  };
  return specs;
}

// Faces that look straight at the camera (no pitch_over_8 of their own) and wear no accessory.
bool noddable(const FaceSource& src) { return !src.inherent.count("pitch_over_8") && !src.inherent.count("accessory"); }

DemoPhoto render(const SpecPortrait& p, const VariantSpec& v, const FaceSource& src, int quality) {
  DemoPhoto d;
  d.variant = v.variant;
  d.name = src.stem + "_" + v.variant + ".jpg";
  d.jpeg = photo::encode_jpeg(v.make(p), quality);
  d.labels = base_labels();
  for (auto& [k, val] : src.inherent) d.labels[k] = val;
  for (auto& [k, val] : v.labels) d.labels[k] = val;
  if (d.variant == "bg_original") {
    d.labels["background_nonuniform"] = src.own_background_nonuniform;
    d.labels["background_wrong_colour"] = src.own_background_wrong_colour;
  }
  return d;
}

// The demo queue's uploads vary their JPEG quality over 70-85, as uploads do: from GA 461's
// "about 70" up, all inside file.jpeg_quality's pass band, so quality alone fails none of them.
constexpr int kQueueQualityFrom = 70, kQueueQualitySpread = 16;

// Builds every source's spec portrait at once (one thread each) before the variants need them.
void prepare(const std::vector<FaceSource>& sources) {
  for (const auto& src : sources) prefetch_spec_portrait(src);
}
}  // namespace

std::vector<DemoPhoto> make_variant_set() {
  std::vector<DemoPhoto> out;
  const auto sources = source_faces();
  prepare(sources);
  for (const auto& src : sources) {
    const SpecPortrait& p = spec_portrait(src);
    for (const auto& v : variant_specs()) out.push_back(render(p, v, src, demo_frame().jpeg_quality));
    if (noddable(src))
      for (const auto& v : nod_specs()) out.push_back(render(p, v, src, demo_frame().jpeg_quality));
  }
  return out;
}

std::vector<DemoPhoto> make_demo_photos(int n, unsigned seed) {
  std::vector<FaceSource> sources;
  for (auto& s : source_faces())
    if (s.in_demo_queue) sources.push_back(std::move(s));
  const auto& specs = variant_specs();
  if (n > 0)
    prepare(
        std::vector<FaceSource>(sources.begin(), sources.begin() + std::min<std::ptrdiff_t>(n, std::ssize(sources))));
  std::mt19937 rng(seed);
  std::vector<DemoPhoto> out;
  out.reserve(std::size_t(std::max(0, n)));
  for (int i = 0; i < n; ++i) {
    const auto& src = sources[std::size_t(i) % sources.size()];
    const SpecPortrait& p = spec_portrait(src);
    // Half the queue is clean (with a slight exposure jitter so photos differ), half defective.
    bool clean = rng() % 2 == 0;
    std::size_t pick = clean ? rng() % 2 : 2 + rng() % (specs.size() - 2);
    int quality = kQueueQualityFrom + int(rng() % kQueueQualitySpread);
    DemoPhoto d = render(p, specs[pick], src, quality);
    if (clean) {
      double g = 0.96 + 0.08 * double(rng() % 100) / 100.0;
      d.jpeg = photo::encode_jpeg(gain(specs[pick].make(p), g), quality);
    }
    d.name = std::to_string(i + 1) + "_" + d.name;
    out.push_back(std::move(d));
  }
  return out;
}

void write_labelled_set(const fs::path& dir) {
  fs::create_directories(dir);
  nlohmann::json labels = nlohmann::json::object();
  labels["_about"] =
      "Generated by reviewstation makeset from Debian-packaged face photos; each variant carries one known defect (or "
      "none).";
  for (const auto& d : make_variant_set()) {
    std::ofstream f(dir / d.name, std::ios::binary);
    f.write(reinterpret_cast<const char*>(d.jpeg.data()), std::streamsize(d.jpeg.size()));
    if (!f) throw std::runtime_error("cannot write '" + (dir / d.name).string() + "'");
    nlohmann::json entry = {{"faces", 1}};
    for (const auto& [k, v] : d.labels) entry[k] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
    entry["other"] = "variant: " + d.variant;
    labels[d.name] = entry;
  }
  std::ofstream(dir / "labels.json") << labels.dump(1) << "\n";
}

}  // namespace rs::demo
