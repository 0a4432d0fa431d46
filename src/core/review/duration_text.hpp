#pragma once
// Waiting and review times as a reviewer reads them ("3分12秒", "1小时05分", "2天3小时"), in the
// current language's units from the text table.
#include <string>

#include "core/util/clock.hpp"

namespace rs::review {

std::string duration_text(Millis ms);
// Stopwatch style for the running review timer: "0:42", "12:05", "1:02:03".
std::string stopwatch_text(Millis ms);

}  // namespace rs::review
