// The engine on real raw uploads (../shared/fixtures/photos, labels written by hand), when that
// folder exists; plus the pure parts of evaluation and the finding JSON.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "core/findings/labels.hpp"
#include "core/findings/spec.hpp"
#include "test_findings_support.hpp"

using namespace rs::findings;

namespace {
const KeyScore* key_score(const EvalReport& r, std::string_view key) {
  for (const auto& k : r.keys)
    if (k.key == key) return &k;
  return nullptr;
}
}  // namespace

TEST_CASE("the labels' vocabulary is read from _about and every key is understood") {
  const std::string about =
      "Hand-written labels. The full key vocabulary (an eval must understand all of these; these photos use only "
      "some): "
      "faces (count of faces), yaw_over_8, accessory (earrings, necklace, hair band or clip, hat), head_top_cut, other "
      "(words).";
  const auto keys = vocabulary_from_about(about);
  CHECK(keys == std::vector<std::string>{"faces", "yaw_over_8", "accessory", "head_top_cut", "other"});
  for (const auto& k : keys) CHECK(label_key(k) != nullptr);
  CHECK(label_key("hair_colour") == nullptr);
  // Every rule a label key names exists in the spec.
  const auto ids = rs::test::engine().rule_ids("id_card");
  for (const auto& key : label_keys())
    for (const auto& vote : key.rules) {
      CAPTURE(vote.rule_id);
      CHECK(std::find(ids.begin(), ids.end(), vote.rule_id) != ids.end());
    }
}

TEST_CASE("verdicts, scores and threshold text from a rule's bands") {
  const RuleSpec r =
      parse_rule("geometry.face_width", nlohmann::json::parse(R"({"pass":[193,221],"warn":[186,228],"ideal":207})"));
  CHECK(judge(r, 207) == Verdict::Pass);
  CHECK(judge(r, 190) == Verdict::Warn);
  CHECK(judge(r, 240) == Verdict::Fail);
  CHECK(score(r, 207) == 100);
  CHECK(score(r, 221) == 60);
  CHECK(score(r, 228) == 30);
  CHECK(score(r, 260) < 10);
  CHECK(threshold_text(r, "px") == "193–221 px（注意 186–228）");
  CHECK(threshold_text(r, "deg") == "193–221°（注意 186–228）");
  const RuleSpec one =
      parse_rule("lighting.underexposed", nlohmann::json::parse(R"({"pass":[null,0.01],"warn_only":true})"));
  CHECK(judge(one, 0.5) == Verdict::Warn);
  CHECK_THROWS_AS(parse_rule("x", nlohmann::json::parse(R"({"warn":[1,2]})")), std::invalid_argument);
}

TEST_CASE("an analysis survives a JSON round trip") {
  const Analysis a = rs::test::analyse(rs::test::spec_photo());
  const nlohmann::json j = a;
  const Analysis b = j.get<Analysis>();
  CHECK(b.findings.size() == a.findings.size());
  CHECK(b.face_count == a.face_count);
  REQUIRE(b.face.has_value());
  CHECK(b.face->landmarks.size() == 68);
  CHECK(b.phash == a.phash);
  CHECK(b.findings.front().rule_id == a.findings.front().rule_id);
  CHECK(b.findings.front().geometry.size() == a.findings.front().geometry.size());
  // Heat maps for the GPU layers ride along.
  const auto with_map = [](const Analysis& x, std::string_view id) {
    for (const auto& f : x.findings)
      if (f.rule_id == id) return f.map;
    return ValueMap{};
  };
  const ValueMap bg = with_map(a, "background.uniformity"), bg2 = with_map(b, "background.uniformity");
  CHECK_FALSE(bg.empty());
  CHECK(bg.values.size() == static_cast<std::size_t>(bg.cols * bg.rows));
  CHECK(bg2.values == bg.values);
  CHECK(bg2.cell.x == doctest::Approx(bg.cell.x));
  // The face's shadow map is drawn only where there is shadow (helper-17c): whatever it is, it
  // comes back the same.
  CHECK(with_map(b, "lighting.face_shadow").values == with_map(a, "lighting.face_shadow").values);
  // Failures come first.
  CHECK(a.findings.front().verdict == Verdict::Fail);
  CHECK(a.findings.back().verdict == Verdict::Pass);
}

TEST_CASE("a spec file that names an unknown rule is refused with its name") {
  const auto dir = std::filesystem::temp_directory_path() / "rs_spec_test";
  std::filesystem::create_directories(dir);
  for (const char* doc :
       {"id_card", "social_security", "residence_permit", "hk_macau_permit", "passport", "driving_licence"}) {
    std::ofstream(dir / (std::string(doc) + ".json"))
        << R"({"frame": {"width": 358, "height": 441}, "rules": {"faces.count": {"pass": [1, 1]},
      "geometry.face_width": {"pass": [193, 221], "ideal": 207}, "geometry.eye_line": {"pass": [207, null]},
      "geometry.head_top": {"pass": [7, 21], "ideal": 14}, "file.jpeg_quality": {"pass": [60, 92], "ideal": 75},
      "geometry.ear_size": {"pass": [1, 2]}}})";
  }
  EngineConfig cfg;
  cfg.spec_dir = dir;
  try {
    Engine::load(cfg);
    FAIL("expected the load to fail");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("geometry.ear_size") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("raw uploads in ../shared/fixtures/photos against their hand labels" *
          doctest::skip(!rs::test::fixtures_present())) {
  const std::filesystem::path dir = RS_FIXTURES_DIR;
  EvalOptions options;
  options.threads = 2;
  const EvalReport r = evaluate(rs::test::engine(), dir, options);
  for (const auto& p : r.problems) FAIL_CHECK(p);
  CHECK(r.photos >= 19);
  for (const auto& k : r.keys) {
    std::string line = k.key + ": tp " + std::to_string(k.tp) + " fp " + std::to_string(k.fp) + " tn " +
                       std::to_string(k.tn) + " fn " + std::to_string(k.fn);
    for (const auto& w : k.wrong) line += "\n    " + w;
    MESSAGE(line);
  }
  // The solid measures must hold on real faces; the hair and accessory heuristics only warn and
  // are reported above rather than asserted.
  const KeyScore* yaw = key_score(r, "yaw_over_8");
  REQUIRE(yaw);
  CHECK(yaw->tp >= 3);
  CHECK(yaw->fp == 0);
  const KeyScore* ears = key_score(r, "hair_over_ears");
  REQUIRE(ears);
  CHECK(ears->recall().value_or(0) >= 0.8);
  CHECK(ears->precision().value_or(0) >= 0.8);
  const KeyScore* mouth = key_score(r, "mouth_open_or_teeth");
  REQUIRE(mouth);
  CHECK(mouth->tp >= 1);
  CHECK(mouth->fp == 0);
  const KeyScore* faces = key_score(r, "faces");
  REQUIRE(faces);
  CHECK(faces->tn >= 19);  // yaw_L4's head in profile included (the profile cascade)
  CHECK(faces->fp == 0);
}

TEST_CASE("a head in profile (fixture yaw_L4) is one face, turned: yaw fails, landmark rules are not run" *
          doctest::skip(!rs::test::fixtures_present())) {
  const auto analysed = rs::test::fixture_analysis("yaw_L4.jpg");
  if (!analysed) return;
  const Analysis& a = *analysed;
  CHECK(a.face_count == 1);
  CHECK(!a.face.has_value());  // no landmarks to draw
  CHECK(rs::test::verdict_of(a, "faces.count") == Verdict::Pass);
  CHECK(rs::test::verdict_of(a, "pose.yaw") == Verdict::Fail);
  CHECK(rs::test::finding(a, "pose.roll") == nullptr);
  CHECK(rs::test::finding(a, "eyes.open") == nullptr);
}

TEST_CASE("a document spec extends the base and overrides or removes single rules") {
  const auto dir = std::filesystem::temp_directory_path() / "rs_spec_extends";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "base.json") << R"({"frame": {"width": 358, "height": 441},
    "rules": {"faces.count": {"pass": [1, 1]}, "pose.roll": {"pass": [-6, 6]}, "pose.yaw": {"pass": [-6, 6]},
      "geometry.face_width": {"pass": [193, 221], "ideal": 207}, "geometry.eye_line": {"pass": [207, null]},
      "geometry.head_top": {"pass": [7, 21], "ideal": 14}, "file.jpeg_quality": {"pass": [60, 92], "ideal": 75}}})";
  std::ofstream(dir / "passport.json") << R"({"extends": "base.json", "frame": {"width": 354, "height": 472},
    "rules": {"pose.roll": {"pass": [-4, 4]}, "pose.yaw": null, "geometry.face_width": {"pass": [200, 230], "ideal": 215},
      "file.jpeg_quality": {"ideal": 80}}})";
  const Spec s = load_spec(dir, "passport");
  CHECK(s.frame.width == 354);
  CHECK(s.frame.height == 472);
  // The frame's bands follow the geometry rules, the document's overrides included.
  CHECK(s.frame.face_width_min == 200);
  CHECK(s.frame.face_width_max == 230);
  CHECK(s.frame.face_width_ideal == 215);
  CHECK(s.frame.head_top_min == 7);
  CHECK(s.frame.head_top_max == 21);
  CHECK(s.frame.head_top_ideal == 14);
  CHECK(s.frame.eye_line_min == 207);
  CHECK(s.frame.jpeg_quality == 80);  // the crop writes at the document's file.jpeg_quality "ideal"
  REQUIRE(s.rule("pose.roll"));
  CHECK(*s.rule("pose.roll")->pass.hi == 4);
  CHECK(s.rule("pose.yaw") == nullptr);
  CHECK(s.rule("faces.count") != nullptr);
  CHECK_THROWS_WITH_AS(load_spec(dir, "driving_licence"), doctest::Contains("driving_licence.json"),
                       std::runtime_error);
  // A document without a frame, or whose frame lost one of its bands, is refused: the crop and the
  // guides on screen would have nothing to follow.
  std::ofstream(dir / "social_security.json") << R"({"extends": "base.json", "rules": {"geometry.head_top": null}})";
  CHECK_THROWS_WITH_AS(load_spec(dir, "social_security"),
                       doctest::Contains("the GA 461 frame needs rule geometry.head_top"), std::runtime_error);
  std::ofstream(dir / "hk_macau_permit.json") << R"({"rules": {"faces.count": {"pass": [1, 1]}}})";
  CHECK_THROWS_WITH_AS(load_spec(dir, "hk_macau_permit"), doctest::Contains("needs \"frame\""), std::runtime_error);
  std::filesystem::remove_all(dir);
}
