#pragma once
// What a decision keeps of the findings that were on screen: per rule its verdict, native value,
// score and note, grouped by verdict, plus the spec they were judged by ("doc_type:digest"; the
// store keeps each spec's text once). Units, reason codes and threshold texts follow from the rule
// id and the spec, so they are not repeated: the record stays in one database page (about 1.7 KB
// for 49 rules instead of about 8 KB), and it reads the same whatever the screen's language was.
// Drawing aids (shapes, heat maps) are derived again from the stored photo when a case is reopened.
//
//   {"v":2,"spec":"id_card:3f09a1c2b7d45e60",
//    "fail":{"mouth":[["closed",0.0865,17]]},
//    "warn":{"hair":[["eyebrows",0.6233,21,"one side only (other side 0%)"]]},
//    "pass":{"geometry":[["face_width",209,94],["eye_line",230.7,100]],"pose":[["roll",0.1959,99]], ...},
//    "cannot_assess":{"photo":[["cannot_assess",0,-1,"truncated JPEG","cannot_assess.truncated"]]}}
//
// Within a verdict, rows are grouped by the rule id's family (the part before the dot); a row is
// [rule name, value, score] with the detail and detail key appended when present, and a sixth
// element "low" when the measure was not confident (Finding::confidence; detail and key are then
// written even when empty, so the confidence keeps its place). Values keep four
// significant digits, as the findings panel shows them.
#include <string>
#include <string_view>
#include <vector>

#include "core/findings/finding.hpp"

namespace rs::findings {

std::string decision_record_json(const Analysis& analysis);

struct DecisionRecord {
  std::string spec_id;            // empty in records written before version 2
  std::vector<Finding> findings;  // rule id, verdict, value, score, detail (unit and threshold
                                  // only in version-1 records, which stored them as text)
};
// Reads version 2 and the earlier array of finding objects; throws std::invalid_argument when the
// text is neither.
DecisionRecord read_decision_record(std::string_view json_text);

}  // namespace rs::findings
