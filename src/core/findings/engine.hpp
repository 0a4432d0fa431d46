#pragma once
// The rule engine: decodes a photo, finds the face and its 68 landmarks (dlib, model loaded once),
// runs every measure listed in the document type's spec (db/spec/<doc_type>.json) and returns an
// Analysis. Loading is slow (about a second): do it off the UI thread. analyse() is thread-safe.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/findings/finding.hpp"
#include "core/photo/ga461_frame.hpp"

namespace rs::findings {

struct EngineConfig {
  std::filesystem::path spec_dir;        // default: data_dir()/db/spec
  std::filesystem::path landmark_model;  // default: landmark_model_path()
};

// A document type's merged spec as the engine loaded it (see Spec::text and Spec::digest).
struct SpecText {
  std::string doc_type, digest, text;
};

class Engine {
 public:
  virtual ~Engine() = default;
  // Throws std::runtime_error naming the file and the problem when a spec or the model is bad.
  static std::unique_ptr<Engine> load(const EngineConfig& config = {});

  // Never throws for bad photo bytes: a photo that cannot be assessed yields assessable=false
  // and one finding "photo.cannot_assess" with the cause.
  virtual Analysis analyse(std::span<const std::uint8_t> encoded, const std::string& doc_type_code) const = 0;

  // Resubmission checks: findings "resubmission.duplicate" and "resubmission.mirrored" comparing a
  // new attempt's analysis with the rejected one's (their perceptual hashes). Thresholds come from
  // the doc type's spec. Empty when either analysis has no hash (it could not be assessed).
  virtual std::vector<Finding> compare_attempts(const Analysis& previous, const Analysis& current,
                                                const std::string& doc_type_code) const = 0;

  // Rule ids the doc type's spec runs, in spec order (for labels and evaluation).
  virtual std::vector<std::string> rule_ids(const std::string& doc_type_code) const = 0;

  // The doc type's GA 461 frame (its spec's size and geometry bands), for the crop; nullopt for an
  // unknown doc type (and from engines that load no spec, such as the tests' stand-ins).
  virtual std::optional<Ga461Frame> frame(const std::string& doc_type_code) const { return std::nullopt; }

  // Every document type's spec, for the store to keep (decision records name them by digest).
  virtual std::vector<SpecText> spec_texts() const = 0;
};

}  // namespace rs::findings
