// The findings a decision keeps: everything the reviewer read, none of the drawing aids.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/findings/decision_record.hpp"

using namespace rs::findings;

namespace {
Finding finding(std::string rule, Verdict v, double value, std::string threshold) {
  Finding f;
  f.rule_id = std::move(rule);
  f.verdict = v;
  f.value = value;
  f.unit = "ratio";
  f.threshold = std::move(threshold);
  f.score = 19;
  f.reason_code = "EXPRESSION";
  f.geometry.push_back({ShapeKind::Points, std::vector<Point>(68, Point{120.5, 200.25}), "0.084"});
  f.map.cols = f.map.rows = 16;
  f.map.values.assign(256, 200);
  return f;
}
}  // namespace

TEST_CASE("a decision's findings record reads back as the findings, without shapes and maps") {
  Analysis a;
  a.findings.push_back(finding("mouth.closed", Verdict::Fail, 0.08412899218409979, "≤ 0.04（注意 ≤ 0.07）"));
  a.findings.push_back(finding("pose.roll", Verdict::Pass, -1.5, "±8°"));
  Finding odd = finding("photo.cannot_assess", Verdict::CannotAssess, 0, "");
  odd.detail = "truncated \"JPEG\"";
  odd.detail_key = "cannot_assess.truncated";
  odd.score = -1;
  a.findings.push_back(odd);

  const std::string record = decision_record_json(a);
  const auto j = nlohmann::json::parse(record);
  REQUIRE(j.size() == 3);
  std::vector<Finding> back;
  for (const auto& item : j) back.push_back(item.get<Finding>());
  for (std::size_t i = 0; i < back.size(); ++i) {
    CAPTURE(i);
    CHECK(back[i].rule_id == a.findings[i].rule_id);
    CHECK(back[i].verdict == a.findings[i].verdict);
    CHECK(back[i].value == doctest::Approx(a.findings[i].value).epsilon(1e-5));
    CHECK(back[i].unit == a.findings[i].unit);
    CHECK(back[i].threshold == a.findings[i].threshold);
    CHECK(back[i].score == a.findings[i].score);
    CHECK(back[i].reason_code == a.findings[i].reason_code);
    CHECK(back[i].detail == a.findings[i].detail);
    CHECK(back[i].detail_key == a.findings[i].detail_key);
    CHECK(back[i].geometry.empty());
    CHECK(back[i].map.empty());
  }
  CHECK_FALSE(j[0].contains("detail"));  // empty notes are left out
  // The point of it: a fraction of the full findings with their drawing aids.
  const std::string full = nlohmann::json(a.findings).dump();
  CHECK(record.size() * 5 < full.size());
}

TEST_CASE("an analysis without findings keeps an empty array") {
  CHECK(decision_record_json(Analysis{}) == "[]");
}
