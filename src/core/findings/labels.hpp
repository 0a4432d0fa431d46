#pragma once
// Hand-written photo labels (labels.json: photo -> key -> true/false/null, "faces" a count) and the
// rules that decide each label key, for `reviewstation eval` and the fixture tests.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/findings/engine.hpp"

namespace rs::findings {

struct RuleVote {
  std::string rule_id;
  bool warn_counts = false;  // heuristics: a warning already means "the engine saw it"
};

struct LabelKey {
  std::string key;
  std::vector<RuleVote> rules;  // empty: understood but not judged by the engine (free text)
  std::string note;
};

const std::vector<LabelKey>& label_keys();
const LabelKey* label_key(std::string_view key);

// The engine's answer for one key: true = defect present, nullopt = cannot tell on this photo
// (answer() None or Unsure). For "faces" the answer is "not exactly one face".
std::optional<bool> predict(const LabelKey& key, const Analysis& a);
// The findings that decided it, as short text ("pose.roll fail 12.3 deg").
std::string explain(const LabelKey& key, const Analysis& a);

// Keys listed in a labels.json "_about" text after "vocabulary (...):" (comma separated).
std::vector<std::string> vocabulary_from_about(const std::string& about);

// What the engine answers for one key on one photo. Unsure: a rule that could have said yes was
// not confident (Finding::confidence Low) and no confident rule said yes; scored as no answer.
enum class Answer { Yes, No, Unsure, None };
Answer answer(const LabelKey& key, const Analysis& a);

// "hair.ears (warn or fail)" per rule of the key, for the eval's table and JSON.
std::string vote_text(const RuleVote& vote);

struct KeyScore {
  std::string key;
  int tp = 0, fp = 0, tn = 0, fn = 0;
  int unpredicted = 0;             // labelled photos without an answer (cannot assess, unsure, no face)
  int unsure = 0;                  // of those, the ones a rule answered with low confidence
  std::vector<std::string> wrong;  // "photo: label X, engine Y (why)"
  std::optional<double> precision() const;
  std::optional<double> recall() const;       // of the answered positives
  std::optional<double> specificity() const;  // of the answered negatives
  // Mean of recall and specificity; nullopt when the answered photos lack positives or negatives
  // (then only the side that exists can be read: recall or specificity).
  std::optional<double> balanced_accuracy() const;
  int labelled() const { return tp + fp + tn + fn + unpredicted; }
};

struct EvalReport {
  std::vector<KeyScore> keys;         // in vocabulary order, only keys some photo labels
  std::vector<std::string> problems;  // unknown keys, unreadable photos
  int photos = 0;
};

struct EvalOptions {
  std::string doc_type = "id_card";
  int threads = 1;
  // Also put each raw upload into the spec frame (rs::photo::crop_to_spec) and judge the keys that
  // need the spec frame (head_size_off) on the cropped photo; the others stay on the raw upload.
  bool crop = false;
};

// Reads DIR/labels.json, analyses every labelled photo and scores each key.
// Throws std::runtime_error naming the file when labels.json is missing or malformed.
EvalReport evaluate(const Engine& engine, const std::filesystem::path& dir, const EvalOptions& options = {});

}  // namespace rs::findings
