#include "core/findings/engine.hpp"

#include <chrono>
#include <future>
#include <map>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "core/domain/doc_type.hpp"
#include "core/findings/context.hpp"
#include "core/findings/decode.hpp"
#include "core/findings/face_locator.hpp"
#include "core/findings/measure.hpp"
#include "core/findings/phash.hpp"
#include "core/util/paths.hpp"

namespace rs::findings {
namespace {

// The i18n key of a cannot-assess cause, from the words it starts with (decode.cpp's messages).
std::string decode_cause_key(const std::string& cause) {
  static const std::vector<std::pair<std::string_view, std::string_view>> keys = {{"empty file", "empty"},
                                                                                  {"not an image", "not_image"},
                                                                                  {"a GIF", "format"},
                                                                                  {"a BMP", "format"},
                                                                                  {"a TIFF", "format"},
                                                                                  {"a WebP", "format"},
                                                                                  {"truncated", "truncated"},
                                                                                  {"corrupt", "corrupt"},
                                                                                  {"CMYK", "cmyk"},
                                                                                  {"16-bit", "bit_depth"},
                                                                                  {"greyscale", "greyscale"},
                                                                                  {"EXIF-rotated", "exif_rotated"},
                                                                                  {"image too large", "too_large"},
                                                                                  {"unknown document type", "doc_type"},
                                                                                  {"JPEG with", "corrupt"}};
  for (const auto& [prefix, key] : keys)
    if (cause.rfind(prefix, 0) == 0) return "cannot_assess." + std::string(key);
  if (cause.find("-bit") != std::string::npos) return "cannot_assess.bit_depth";
  return "cannot_assess.other";
}

Analysis cannot_assess(std::string cause, int width = 0, int height = 0) {
  Analysis a;
  a.width = width;
  a.height = height;
  Finding f;
  f.rule_id = "photo.cannot_assess";
  f.verdict = Verdict::CannotAssess;
  f.detail_key = decode_cause_key(cause);
  f.detail = std::move(cause);
  a.findings.push_back(std::move(f));
  return a;
}

// OpenCV fills its 8-bit Lab tables (with its software floats) on the first conversion of the
// process: 0.2-0.4 s. Done while the model loads, so no photo waits for it.
void fill_opencv_colour_tables() {
  cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(128, 128, 128)), lab;
  cv::cvtColor(pixel, lab, cv::COLOR_BGR2Lab);
}

class EngineImpl final : public Engine {
 public:
  explicit EngineImpl(const EngineConfig& cfg)
      : colour_tables_(std::async(std::launch::async, fill_opencv_colour_tables)),
        locator_(cfg.landmark_model.empty() ? landmark_model_path() : cfg.landmark_model) {
    colour_tables_.get();
    const auto dir = cfg.spec_dir.empty() ? data_dir() / "db" / "spec" : cfg.spec_dir;
    for (DocType t : all_doc_types()) {
      const std::string code(doc_type_code(t));
      Spec spec = load_spec(dir, code);
      check_measures(spec);  // a rule without a measure, a parameter missing or unknown: refused here
      for (const auto& rule : spec.rules)
        if (!measures_.count(rule.id)) measures_.emplace(rule.id, make_measure(rule.id));
      specs_.emplace(code, std::move(spec));
    }
  }

  Analysis analyse(std::span<const std::uint8_t> encoded, const std::string& doc_type) const override {
    const auto t0 = std::chrono::steady_clock::now();
    Analysis a;
    try {
      a = analyse_unsafe(encoded, doc_type);
    } catch (const std::exception& e) {  // a measure's bug must not take the workstation down
      a = cannot_assess(std::string("analysis failed: ") + e.what());
    }
    a.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (const Spec* spec = find_spec(doc_type)) {
      a.spec_id = spec->id();
      a.frame = spec->frame;
    }
    return a;
  }

  std::vector<Finding> compare_attempts(const Analysis& previous, const Analysis& current,
                                        const std::string& doc_type) const override {
    const Spec* spec = find_spec(doc_type);
    if (!spec || !previous.assessable || !current.assessable) return {};
    const HashComparison c =
        compare_hashes({previous.phash, previous.phash_mirror}, {current.phash, current.phash_mirror});
    std::vector<Finding> out;
    for (const auto& [id, value] :
         {std::pair<std::string, int>{"resubmission.duplicate", c.same}, {"resubmission.mirrored", c.mirror}}) {
      const RuleSpec* rule = spec->resubmission_rule(id);
      if (!rule) continue;
      Finding f;
      f.rule_id = id;
      f.unit = "bits";
      f.value = value;
      f.verdict = judge(*rule, value);
      f.score = score(*rule, value);
      f.threshold = threshold_text(*rule, "bits");
      f.reason_code = id == "resubmission.mirrored" ? "MIRRORED" : "";
      // A mirror is only a mirror if the flipped photo matches better than the photo itself.
      if (id == "resubmission.mirrored" && c.mirror >= c.same && f.verdict != Verdict::Pass) {
        f.verdict = Verdict::Pass;
        f.detail = "closer to the previous photo than to its mirror image";
      }
      out.push_back(std::move(f));
    }
    sort_findings(out);
    return out;
  }

  std::vector<SpecText> spec_texts() const override {
    std::vector<SpecText> out;
    for (const auto& [code, spec] : specs_) out.push_back({code, spec.digest, spec.text});
    return out;
  }

  std::optional<Ga461Frame> frame(const std::string& doc_type) const override {
    if (const Spec* spec = find_spec(doc_type)) return spec->frame;
    return std::nullopt;
  }

  std::vector<std::string> rule_ids(const std::string& doc_type) const override {
    std::vector<std::string> ids;
    if (const Spec* spec = find_spec(doc_type))
      for (const auto& r : spec->rules) ids.push_back(r.id);
    return ids;
  }

 private:
  const Spec* find_spec(const std::string& doc_type) const {
    auto parsed = parse_doc_type(doc_type);
    if (!parsed) return nullptr;
    auto it = specs_.find(std::string(doc_type_code(*parsed)));
    return it == specs_.end() ? nullptr : &it->second;
  }

  Analysis analyse_unsafe(std::span<const std::uint8_t> encoded, const std::string& doc_type) const {
    const Spec* spec = find_spec(doc_type);
    if (!spec) return cannot_assess("unknown document type '" + doc_type + "'");
    DecodedPhoto photo = decode_photo(encoded);
    if (photo.cannot_assess) return cannot_assess(*photo.cannot_assess, photo.header.width, photo.header.height);

    Analysis a;
    a.width = photo.bgr.cols;
    a.height = photo.bgr.rows;
    a.assessable = true;
    const PhotoHash hash = photo_hash(photo.bgr);
    a.phash = hash.straight;
    a.phash_mirror = hash.mirrored;
    cv::Mat grey;  // made once: the locator and the measures both read it
    cv::cvtColor(photo.bgr, grey, cv::COLOR_BGR2GRAY);
    std::vector<FaceGeometry> faces = locator_.locate(grey);
    if (!faces.empty()) a.face = faces.front();
    // No face looking at the camera: a head in profile is still one face (faces.count passes and
    // pose.yaw fails), not "no face"; the rules that need landmarks are not run.
    if (faces.empty())
      faces = locator_.locate_turned(grey);
    else
      add_faces_beside(faces, photo.bgr, grey);
    a.face_count = static_cast<int>(faces.size());
    const PhotoContext ctx(std::move(photo.bgr), photo.header, encoded.size(), std::move(faces), *spec,
                           std::move(grey));
    for (const auto& rule : spec->rules) {
      const Measure& m = *measures_.at(rule.id);
      // faces.count says why; a face in profile is judged only by the measures made for it.
      if (m.needs_face() && !ctx.has_face() && !(m.judges_turned_face() && ctx.has_turned_face())) continue;
      try {
        a.findings.push_back(m.run(ctx, rule));
      } catch (const std::exception& e) {
        Finding f;
        f.rule_id = rule.id;
        f.verdict = Verdict::CannotAssess;
        f.detail = std::string("measure failed: ") + e.what();
        a.findings.push_back(std::move(f));
      }
    }
    sort_findings(a.findings);
    return a;
  }

  // Smaller faces beside a frontal applicant (dlib at the spec scale misses faces under ~167 px):
  // extra faces for faces.count and faces.second_ratio, after those dlib found, largest first.
  void add_faces_beside(std::vector<FaceGeometry>& faces, const cv::Mat& bgr, const cv::Mat& grey) const {
    if (faces.front().landmarks.size() != 68) return;
    for (auto& f : locator_.locate_beside(bgr, grey, faces.front()))
      if (!overlaps_any(faces, f)) faces.push_back(std::move(f));
  }

  std::future<void> colour_tables_;  // before locator_: it is started first
  FaceLocator locator_;
  std::map<std::string, Spec> specs_;
  std::map<std::string, std::unique_ptr<Measure>> measures_;
};

}  // namespace

std::unique_ptr<Engine> Engine::load(const EngineConfig& config) { return std::make_unique<EngineImpl>(config); }

}  // namespace rs::findings
