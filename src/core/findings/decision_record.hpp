#pragma once
// What a decision keeps of the findings that were on screen: per rule its verdict, native value,
// unit, threshold, score and reason, without the drawing aids (shapes, heat maps). Those are
// derived again from the stored photo by the engine when a supervisor or trainer reopens the case;
// keeping them made each decision row about 46 KB instead of about 5 KB.
#include <string>

#include "core/findings/finding.hpp"

namespace rs::findings {

// A JSON array that from_json(Finding) reads back (geometry and map come back empty).
std::string decision_record_json(const Analysis& analysis);

}  // namespace rs::findings
