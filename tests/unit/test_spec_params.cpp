// db/spec is the only source of a rule's numbers: a measure reads its parameters without a
// fallback, and a spec that lacks one (or holds one no measure reads) is refused when it loads.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/domain/doc_type.hpp"
#include "core/findings/engine.hpp"
#include "core/findings/measure.hpp"
#include "core/findings/spec.hpp"
#include "core/util/paths.hpp"

using namespace rs::findings;
namespace fs = std::filesystem;

namespace {
const fs::path kSpecDir = rs::data_dir() / "db" / "spec";

// A copy of db/spec in a fresh temporary folder, removed when the test ends.
struct SpecCopy {
  fs::path dir;
  explicit SpecCopy(const char* name) : dir(fs::temp_directory_path() / name) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(kSpecDir)) fs::copy_file(e.path(), dir / e.path().filename());
  }
  ~SpecCopy() { fs::remove_all(dir); }
  // Applies `edit` to base.json's rule `rule` (ordered, so the rest of the file keeps its order).
  template <class Edit>
  void edit_base_rule(const std::string& rule, Edit edit) const {
    nlohmann::ordered_json j;
    {
      std::ifstream in(dir / "base.json");
      j = nlohmann::ordered_json::parse(in);
    }
    edit(j.at("rules").at(rule));
    std::ofstream(dir / "base.json") << j.dump(2);
  }
};

std::string load_error(const fs::path& dir, const std::string& doc_type) {
  try {
    check_measures(load_spec(dir, doc_type));
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return {};
}
}  // namespace

TEST_CASE("every document type's spec gives each measure exactly the parameters it reads") {
  for (rs::DocType t : rs::all_doc_types()) {
    const Spec spec = load_spec(kSpecDir, std::string(rs::doc_type_code(t)));
    CHECK_NOTHROW(check_measures(spec));
    // The three that lived only in code until now are in the spec with the values the code had.
    CHECK(spec.rule("background.uniformity")->param("map_full_scale") == 30);
    CHECK(spec.rule("hair.eyebrows")->param("skin_sigmas") == 4.5);
    CHECK(spec.rule("accessory.head_covering")->param("typical_crown") == 0.55);
  }
}

TEST_CASE("a spec copy missing one parameter is refused, naming the file and the rule") {
  const SpecCopy copy("rs_spec_missing_param");
  copy.edit_base_rule("hair.eyebrows", [](auto& rule) { rule.at("params").erase("band_from"); });
  const std::string expected = (copy.dir / "base.json").string() + ": rule hair.eyebrows has no parameter 'band_from'";
  CHECK(load_error(copy.dir, "id_card") == expected);
  CHECK(load_error(copy.dir, "passport") == expected);  // the rule comes from base.json for every document
  // The engine checks it while it loads, before any photo is judged.
  EngineConfig cfg;
  cfg.spec_dir = copy.dir;
  CHECK_THROWS_WITH_AS(Engine::load(cfg), expected.c_str(), std::runtime_error);
}

TEST_CASE("a parameter no measure reads (a misspelt key) is refused too") {
  const SpecCopy copy("rs_spec_unknown_param");
  copy.edit_base_rule("background.uniformity", [](auto& rule) {
    rule.at("params").erase("hair_tolerance");
    rule.at("params")["hair_tolerence"] = 18;
  });
  const std::string error = load_error(copy.dir, "id_card");
  // The first problem found is the key that is missing; with it back, the misspelt one is named.
  CHECK(error == (copy.dir / "base.json").string() + ": rule background.uniformity has no parameter 'hair_tolerance'");
  copy.edit_base_rule("background.uniformity", [](auto& rule) { rule.at("params")["hair_tolerance"] = 18; });
  CHECK(load_error(copy.dir, "id_card") ==
        (copy.dir / "base.json").string() +
            ": rule background.uniformity has the parameter 'hair_tolerence', which its measure does not read");
}

TEST_CASE("a rule that a document's own file brings in is named with that file") {
  const SpecCopy copy("rs_spec_doc_rule");
  nlohmann::ordered_json base;
  {
    std::ifstream in(copy.dir / "base.json");
    base = nlohmann::ordered_json::parse(in);
  }
  base.at("rules").erase("glasses.present");
  std::ofstream(copy.dir / "base.json") << base.dump(2);
  std::ofstream(copy.dir / "passport.json") << R"({"extends": "base.json", "doc_type": "passport",
    "rules": {"glasses.present": {"pass": [null, 0.18], "warn_only": true}}})";
  CHECK(load_error(copy.dir, "passport") ==
        (copy.dir / "passport.json").string() + ": rule glasses.present has no parameter 'percentile'");
  CHECK(load_error(copy.dir, "id_card").empty());  // its spec no longer has the rule
}

TEST_CASE("a parameter that is not a number is refused with the rule's name") {
  CHECK_THROWS_WITH_AS(
      parse_rule("eyes.red", nlohmann::json::parse(R"({"pass": [null, 1], "params": {"red_ratio": "1.8"}})")),
      "rule eyes.red: parameter 'red_ratio' must be a number", std::invalid_argument);
}

TEST_CASE("reading a parameter the rule does not have throws, naming the rule and the key") {
  const RuleSpec r = parse_rule("pose.pitch", nlohmann::json::parse(R"({"pass": [-8, 8], "params": {"offset": 0}})"));
  CHECK(r.param("offset") == 0);
  CHECK_THROWS_WITH_AS(r.param("confirm"), "rule pose.pitch has no parameter 'confirm'", std::out_of_range);
}

TEST_CASE("the decode caps are intake's, the same for every document: a spec that sets \"decode\" is refused") {
  const SpecCopy copy("rs_spec_decode");
  nlohmann::ordered_json base;
  {
    std::ifstream in(copy.dir / "base.json");
    base = nlohmann::ordered_json::parse(in);
  }
  CHECK_FALSE(base.contains("decode"));
  CHECK(load_error(copy.dir, "id_card").empty());
  // Caps raised for one document type would let the engine decode what intake refuses.
  base["decode"] = {{"max_side", 20000}};
  std::ofstream(copy.dir / "base.json") << base.dump(2);
  CHECK(load_error(copy.dir, "id_card") == "spec " + (copy.dir / "id_card.json").string() +
                                               ": \"decode\" is not a document setting: the decode caps are intake's");
}
