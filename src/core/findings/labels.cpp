#include "core/findings/labels.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/findings/decode.hpp"
#include "core/findings/face_locator.hpp"
#include "core/findings/measure.hpp"
#include "core/photo/crop.hpp"
#include "core/util/file_read.hpp"
#include "core/util/parallel.hpp"
#include "core/util/paths.hpp"

namespace rs::findings {
namespace {
using json = nlohmann::ordered_json;

const Finding* find(const Analysis& a, std::string_view id) {
  for (const auto& f : a.findings)
    if (f.rule_id == id) return &f;
  return nullptr;
}

bool flags(const Finding& f, bool warn_counts) {
  return f.verdict == Verdict::Fail || (warn_counts && f.verdict == Verdict::Warn);
}
}  // namespace

const std::vector<LabelKey>& label_keys() {
  static const std::vector<LabelKey> keys = {
      {"faces", {{"faces.count"}}, "count of faces; scored as 'not exactly one face'"},
      {"yaw_over_8", {{"pose.yaw"}}, ""},
      {"pitch_over_8",
       {{"pose.pitch", true}},
       "pose.pitch passes within 8°: its warning already reads the nod beyond 8°"},
      {"roll_over_8", {{"pose.roll"}}, ""},
      {"eyes_closed", {{"eyes.open"}}, ""},
      {"mouth_open_or_teeth", {{"mouth.closed"}, {"mouth.teeth"}}, ""},
      {"hair_over_ears", {{"hair.ears", true}}, ""},
      {"hair_over_eyebrows", {{"hair.eyebrows", true}}, ""},
      {"hair_over_shoulders", {{"hair.shoulders", true}}, ""},
      {"accessory",
       {{"accessory.earrings", true},
        {"accessory.head_covering", true},
        {"accessory.hat_edge", true},
        {"accessory.hair_band", true},
        {"accessory.necklace", true}},
       ""},
      {"glasses", {{"glasses.present", true}}, ""},
      {"glasses_glare", {{"glasses.glare", true}}, ""},
      {"occlusion", {{"face.occlusion"}}, ""},
      {"face_shadow", {{"lighting.uniformity"}, {"lighting.face_shadow"}}, ""},
      {"face_glare", {{"lighting.glare"}}, ""},
      {"too_dark", {{"lighting.underexposed"}, {"lighting.face_mean"}}, "face_mean counts only when below its band"},
      {"too_bright", {{"lighting.overexposed"}, {"lighting.face_mean"}}, "face_mean counts only when above its band"},
      {"blurred", {{"quality.sharpness"}}, ""},
      {"background_nonuniform", {{"background.uniformity"}, {"background.spread"}, {"background.structure"}}, ""},
      {"background_wrong_colour", {{"background.colour"}}, ""},
      {"head_top_cut",
       {{"geometry.head_cut"}},
       "the top edge cuts into hair or skull (not geometry.in_frame: a GA 461 crop running past the edge)"},
      {"head_size_off",
       {{"geometry.face_width"},
        {"geometry.eye_line"},
        {"geometry.head_top"},
        {"geometry.head_size"},
        {"geometry.centring"}},
       "spec-frame photos only; GA 461 geometry includes horizontal centring"},
      {"retouched", {{"retouch.skin_texture"}}, ""},
      {"other", {}, "free text, not scored"},
  };
  return keys;
}

const LabelKey* label_key(std::string_view key) {
  for (const auto& k : label_keys())
    if (k.key == key) return &k;
  return nullptr;
}

Answer answer(const LabelKey& key, const Analysis& a) {
  if (!a.assessable || key.rules.empty()) return Answer::None;
  if (key.key == "faces") return a.face_count != 1 ? Answer::Yes : Answer::No;
  bool seen = false, hit = false, unsure = false;
  for (const auto& vote : key.rules) {
    const Finding* f = find(a, vote.rule_id);
    if (!f || f->verdict == Verdict::CannotAssess) continue;
    bool h = flags(*f, vote.warn_counts);
    // Two-sided rules shared by two keys: only the side that matches the key counts.
    if (vote.rule_id == "lighting.face_mean")
      h = f->verdict == Verdict::Fail && ((key.key == "too_dark") == (f->value < 128));
    // A rule that is not sure of its verdict is no answer, whichever way it leans: "not sure" is
    // neither a confident yes nor a confident no.
    if (f->confidence == Confidence::Low) {
      unsure = true;
      continue;
    }
    seen = true;
    hit = hit || h;
  }
  if (hit) return Answer::Yes;
  if (unsure) return Answer::Unsure;
  return seen ? Answer::No : Answer::None;
}

std::optional<bool> predict(const LabelKey& key, const Analysis& a) {
  switch (answer(key, a)) {
    case Answer::Yes: return true;
    case Answer::No: return false;
    default: return std::nullopt;
  }
}

std::string vote_text(const RuleVote& vote) {
  return vote.rule_id + (vote.warn_counts ? " (warn or fail)" : " (fail)");
}

std::string explain(const LabelKey& key, const Analysis& a) {
  if (key.key == "faces") return std::to_string(a.face_count) + " face(s)";
  std::string out;
  for (const auto& vote : key.rules) {
    const Finding* f = find(a, vote.rule_id);
    if (!f) continue;
    if (!out.empty()) out += "; ";
    out += f->rule_id + " " + std::string(verdict_code(f->verdict)) + " " + fmt(f->value, 3) + " " + f->unit;
    if (f->confidence == Confidence::Low) out += " (not sure)";
  }
  return out.empty() ? "no finding" : out;
}

std::vector<std::string> vocabulary_from_about(const std::string& about) {
  std::vector<std::string> keys;
  const auto v = about.find("vocabulary");
  if (v == std::string::npos) return keys;
  const auto colon = about.find("):", v);
  if (colon == std::string::npos) return keys;
  std::string list = about.substr(colon + 2);
  int depth = 0;
  std::string current;
  auto flush = [&] {
    std::string k;
    for (char c : current)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
        k += c;
      else if (!k.empty() && c == ' ')
        break;
    if (!k.empty()) keys.push_back(k);
    current.clear();
  };
  for (char c : list) {
    if (c == '(')
      ++depth;
    else if (c == ')')
      --depth;
    else if (depth == 0 && (c == ',' || c == '.'))
      flush();
    else if (depth == 0)
      current += c;
  }
  flush();
  return keys;
}

std::optional<double> KeyScore::precision() const {
  if (tp + fp == 0) return std::nullopt;
  return double(tp) / (tp + fp);
}
std::optional<double> KeyScore::recall() const {
  if (tp + fn == 0) return std::nullopt;
  return double(tp) / (tp + fn);
}
std::optional<double> KeyScore::specificity() const {
  if (tn + fp == 0) return std::nullopt;
  return double(tn) / (tn + fp);
}
std::optional<double> KeyScore::balanced_accuracy() const {
  const auto r = recall(), s = specificity();
  if (!r || !s) return std::nullopt;
  return (*r + *s) / 2;
}

namespace {
// Keys judged on the photo once it is in the spec frame (with EvalOptions::crop).
bool needs_spec_frame(std::string_view key) { return key == "head_size_off"; }

Analysis analyse_cropped(const Engine& engine, const FaceLocator& locator, const std::vector<std::uint8_t>& bytes,
                         const std::string& doc) {
  DecodedPhoto photo = decode_photo(bytes);
  if (photo.cannot_assess) return engine.analyse(bytes, doc);
  const auto faces = locator.locate(photo.bgr);
  const auto frame = engine.frame(doc);
  if (faces.empty() || !frame) return engine.analyse(bytes, doc);
  return engine.analyse(photo::encode_jpeg(photo::crop_to_spec(photo.bgr, faces.front(), *frame), frame->jpeg_quality),
                        doc);
}
}  // namespace

constexpr std::size_t kMaxLabelsBytes = std::size_t{8} << 20;  // a few thousand photos' labels

EvalReport evaluate(const Engine& engine, const std::filesystem::path& dir, const EvalOptions& options) {
  const std::string& doc_type = options.doc_type;
  const int threads = options.threads;
  const auto file = dir / "labels.json";
  const util::FileRead in = util::read_regular_file(file, kMaxLabelsBytes);
  if (!in.ok()) throw std::runtime_error("cannot open the labels file: " + in.error);
  json labels;
  try {
    labels = json::parse(in.bytes);
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + ": not valid JSON (" + e.what() + ")");
  }
  if (!labels.is_object()) throw std::runtime_error(file.string() + ": must be an object of photo -> labels");

  EvalReport report;
  if (labels.contains("_about"))
    for (const auto& k : vocabulary_from_about(labels["_about"].get<std::string>()))
      if (!label_key(k)) report.problems.push_back("label key '" + k + "' in the vocabulary is not understood");

  std::vector<std::string> photos;
  for (const auto& [name, body] : labels.items())
    if (name.rfind('_', 0) != 0 && body.is_object()) photos.push_back(name);
  std::vector<Analysis> results(photos.size()), cropped(photos.size());
  std::unique_ptr<FaceLocator> locator;
  if (options.crop) locator = std::make_unique<FaceLocator>(landmark_model_path());
  std::vector<std::string> errors(photos.size());
  util::for_each_index(photos.size(), threads, [&](std::size_t i) {
    // Names come from labels.json: they stay inside the set's folder, and only regular files
    // of at most an upload's size are read.
    const util::PhotoPath where = util::resolve_photo_path(dir, photos[i]);
    util::FileRead read = where.ok() ? util::read_regular_file(where.path, util::kMaxPhotoBytes, util::Links::refuse)
                                     : util::FileRead{{}, where.error};
    if (!read.ok()) {
      errors[i] = photos[i] + ": cannot read the photo: " + read.error;
      return;
    }
    const std::vector<std::uint8_t>& bytes = read.bytes;
    results[i] = engine.analyse(bytes, doc_type);
    if (locator) cropped[i] = analyse_cropped(engine, *locator, bytes, doc_type);
  });

  std::map<std::string, KeyScore> scores;
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (!errors[i].empty()) {
      report.problems.push_back(errors[i]);
      continue;
    }
    ++report.photos;
    for (const auto& [k, v] : labels[photos[i]].items()) {
      const LabelKey* key = label_key(k);
      if (!key) {
        report.problems.push_back(photos[i] + ": label key '" + k + "' is not understood");
        continue;
      }
      if (v.is_null() || key->rules.empty()) continue;
      const bool truth = key->key == "faces" ? v.get<int>() != 1 : v.get<bool>();
      KeyScore& s = scores[k];
      s.key = k;
      const Analysis& seen = options.crop && needs_spec_frame(k) ? cropped[i] : results[i];
      const Answer said = answer(*key, seen);
      if (said == Answer::Unsure || said == Answer::None) {
        ++s.unpredicted;
        s.unsure += said == Answer::Unsure;
        continue;
      }
      const bool guess = said == Answer::Yes;
      if (truth && guess) ++s.tp;
      if (!truth && guess) ++s.fp;
      if (!truth && !guess) ++s.tn;
      if (truth && !guess) ++s.fn;
      if (truth != guess)
        s.wrong.push_back(photos[i] + ": label " + (key->key == "faces" ? v.dump() : (truth ? "true" : "false")) +
                          ", engine " + (guess ? "true" : "false") + " (" + explain(*key, seen) + ")");
    }
  }
  for (const auto& k : label_keys())
    if (scores.count(k.key)) report.keys.push_back(scores[k.key]);
  return report;
}

}  // namespace rs::findings
