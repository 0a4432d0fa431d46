#pragma once
// Per-document-type rule thresholds, read from db/spec/<doc_type>.json. A file may name a base file
// with "extends"; its own keys are merged over the base (JSON merge patch, so null removes a rule).
// Thresholds live only here, never in code.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/findings/finding.hpp"
#include "core/photo/ga461_frame.hpp"

namespace rs::findings {

// A closed interval; a missing side is unbounded.
struct Band {
  std::optional<double> lo, hi;
  bool contains(double v) const { return (!lo || v >= *lo) && (!hi || v <= *hi); }
};

struct RuleSpec {
  std::string id;
  std::filesystem::path file;   // the spec file that introduces the rule (named in load errors)
  Band pass;                    // inside: pass
  std::optional<Band> warn;     // inside this (wider) band but outside pass: warn; else fail
  std::optional<double> ideal;  // where the score is 100
  bool warn_only = false;       // a heuristic that never fails, it only asks the reviewer to look
  nlohmann::json params;        // measure-specific extras (e.g. sample sizes, target colour)
  // A parameter's value. There is no default in code: the engine refuses, when it loads, a spec
  // whose rule lacks a parameter its measure reads (check_measures), so a missing one here is a
  // measure reading a key it did not declare: std::out_of_range naming the rule and the key.
  double param(std::string_view key) const;
  bool has_param(std::string_view key) const;
};

struct Spec {
  std::string doc_type;
  std::filesystem::path file;
  // The merged spec (base and overrides) as compact JSON, and the first 16 hex digits of its
  // SHA-256. A decision's findings record names the digest instead of repeating every threshold,
  // and the store keeps each text once, so an auditor can still read what a rule was held against.
  std::string text, digest;
  std::string id() const { return doc_type + ":" + digest; }  // e.g. "id_card:3f09a1c2b7d45e60"
  Ga461Frame frame;                    // the adjusted photo's size and the geometry rules' bands (ga461_frame.hpp)
  std::vector<RuleSpec> rules;         // in file order
  std::vector<RuleSpec> resubmission;  // compare a new attempt with the rejected one (Engine::compare_attempts)
  const RuleSpec* rule(std::string_view id) const;
  const RuleSpec* resubmission_rule(std::string_view id) const;
};

// Throws std::runtime_error naming the file and the problem (also when the "frame" size or one of
// the bands Ga461Frame takes from geometry.head_top, geometry.eye_line and geometry.face_width is
// missing: every document type's photo has a frame).
Spec load_spec(const std::filesystem::path& spec_dir, const std::string& doc_type);
RuleSpec parse_rule(const std::string& id, const nlohmann::json& j);  // throws std::invalid_argument

// Pure judging of a native value against a rule's bands.
Verdict judge(const RuleSpec& rule, double value);
int score(const RuleSpec& rule, double value);  // 0..100
std::string threshold_text(const RuleSpec& rule, std::string_view unit);

}  // namespace rs::findings
