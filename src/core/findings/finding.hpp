#pragma once
// What the automatic rule engine says about one photo: one Finding per measure, each with the
// native value, the threshold it was held against, a 0-100 score and the geometry to draw.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/photo/face_geometry.hpp"
#include "core/photo/ga461_frame.hpp"

namespace rs::findings {

// The face's geometry and the GA 461 frame are photo/'s plain data (photo/ is the lower layer and
// includes nothing from findings/); the rule engine uses them under its own names.
using photo::FaceGeometry;
using photo::ga461_guides;
using photo::Ga461Frame;
using photo::Ga461Guides;
using photo::Point;

enum class Verdict { Pass, Warn, Fail, CannotAssess };
std::string_view verdict_code(Verdict v);  // "pass" "warn" "fail" "cannot_assess"
Verdict parse_verdict(std::string_view s);

// How far the measure trusts its own verdict. Low: it read the photo, but what it read is weak or
// ambiguous (hair of the background's colour, a face half in shadow, ...). A low-confidence
// finding never fails a photo (mark_unsure turns a fail into a warning: a reviewer can act on "not
// sure", not on a confident wrong verdict) and its detail_key names why. A CannotAssess finding
// has no verdict to trust and keeps High.
enum class Confidence { High, Low };
std::string_view confidence_code(Confidence c);   // "high" "low"
Confidence parse_confidence(std::string_view s);  // anything but "low" reads High

// Geometry in photo pixels, drawn by the photo view with ImDrawList.
enum class ShapeKind { Rect, Line, Points, Polyline, Circle, HLine };
struct Shape {
  ShapeKind kind = ShapeKind::Points;
  std::vector<Point> pts;  // Rect: min,max. Line: a,b. Circle: centre,(radius,0). HLine: (0,y),(width,y)
  std::string label;       // short text drawn beside the shape (e.g. "2.3°")
};

// A coarse map over part of the photo (e.g. the background's deviation, the face's shadow and glare)
// for a heat-map layer: cols x rows cells, row-major, 0 = nothing, 255 = strongest. Cell (c, r)
// covers photo pixels origin + (c, r) * cell, one cell in size.
struct ValueMap {
  int cols = 0, rows = 0;
  Point origin, cell;
  std::vector<std::uint8_t> values;
  bool empty() const { return values.empty(); }
};

struct Finding {
  std::string rule_id;  // e.g. "geometry.face_width"
  Verdict verdict = Verdict::CannotAssess;
  double value = 0;         // the native value
  std::string unit;         // "px", "deg", "ratio", ...
  std::string threshold;    // what it was held against, human readable: "193–221"
  int score = -1;           // 0..100; -1 when it cannot be assessed
  std::string reason_code;  // rejection reason a reviewer would pick when it fails (may be empty)
  std::string detail;       // cause of cannot-assess or a note (English)
  std::string detail_key;   // i18n key for the detail when it is a fixed cause, e.g. "cannot_assess.truncated"
  Confidence confidence = Confidence::High;  // Low: see Confidence; detail_key then says why
  std::vector<Shape> geometry;
  ValueMap map;  // optional heat map (empty when the measure has none)
};

struct Analysis {
  int width = 0, height = 0;
  bool assessable = false;  // false: one "photo.cannot_assess" finding names the cause
  int face_count = 0;
  std::optional<FaceGeometry> face;  // the largest face
  std::vector<Finding> findings;     // failures first, then warnings, then passes
  double elapsed_ms = 0;
  // Perceptual hash of the photo and of its mirror image (see phash.hpp), for resubmission checks.
  std::uint64_t phash = 0, phash_mirror = 0;
  std::string spec_id;  // the spec the findings were judged by, "doc_type:digest"
  // That spec's GA 461 frame, for the guides the photo view draws (nullopt: unknown document type).
  // Not in the JSON: it follows from the spec.
  std::optional<Ga461Frame> frame;

  int count(Verdict v) const;
  // Reason codes of failing findings, deduplicated, in findings order (pre-selected in the picker).
  std::vector<std::string> suggested_reasons() const;
};

void to_json(nlohmann::json& j, const Finding& f);
void from_json(const nlohmann::json& j, Finding& f);
void to_json(nlohmann::json& j, const Analysis& a);
void from_json(const nlohmann::json& j, Analysis& a);

// Marks a finding the measure cannot judge with confidence: confidence Low, a fail becomes a
// warning (score and value stay), and `cause_key` (a text-table key, e.g. from findings/cause.hpp)
// with its English words goes in detail_key/detail unless the finding already names a cause.
void mark_unsure(Finding& f, std::string_view cause_key, std::string_view english);

// Orders findings: fail, cannot_assess, warn, pass; stable within each.
void sort_findings(std::vector<Finding>& findings);

}  // namespace rs::findings
