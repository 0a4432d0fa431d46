// Demo photos and the generated labelled set.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>

#include "core/demo/demo_photos.hpp"
#include "core/findings/face_locator.hpp"
#include "core/findings/labels.hpp"
#include "core/util/paths.hpp"
#include "core/util/random.hpp"
#include "core/util/sha256.hpp"

using namespace rs;

TEST_CASE("demo photos are deterministic, spec-sized, and mix clean and defective variants") {
  auto a = demo::make_demo_photos(24, 3);
  auto b = demo::make_demo_photos(24, 3);
  REQUIRE(a.size() == 24);
  std::set<std::string> variants;
  int clean = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(sha256_hex(a[i].jpeg) == sha256_hex(b[i].jpeg));
    cv::Mat img = cv::imdecode(a[i].jpeg, cv::IMREAD_COLOR);
    CHECK(img.cols == 358);
    CHECK(img.rows == 441);
    variants.insert(a[i].variant);
    CHECK_MESSAGE(a[i].name.find("hopper") == std::string::npos, a[i].name);  // her cap fails: labelled set only
    clean += a[i].variant.rfind("clean", 0) == 0;
  }
  CHECK(clean >= 6);
  CHECK(clean <= 18);
  CHECK(variants.size() >= 6);
  auto other_seed = demo::make_demo_photos(24, 4);
  int same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += sha256_hex(a[i].jpeg) == sha256_hex(other_seed[i].jpeg);
  CHECK(same < 24);
}

TEST_CASE("each defect variant labels its defect; clean ones carry only the face's own traits") {
  std::map<std::string, std::map<std::string, std::optional<bool>>> inherent;
  for (const auto& src : demo::source_faces()) inherent[src.stem] = src.inherent;
  REQUIRE(inherent.count("astronaut"));
  for (const auto& d : demo::make_variant_set()) {
    const std::string stem = d.name.substr(0, d.name.size() - d.variant.size() - 5);  // "<stem>_<variant>.jpg"
    REQUIRE_MESSAGE(inherent.count(stem), d.name);
    int added = 0;
    for (const auto& label : d.labels) {
      // Named copies, not structured bindings: clang 14 (the sanitizer build) cannot capture
      // those in the lambdas CHECK_MESSAGE expands to.
      const auto& k = label.first;
      const auto& v = label.second;
      auto own = inherent[stem].find(k);
      // A face's own trait stays unless the variant adds that very defect (a shadow over studio light).
      if (own != inherent[stem].end() && v == own->second) continue;
      if (own != inherent[stem].end()) CHECK_MESSAGE(v == std::optional<bool>(true), d.name << " " << k);
      added += v.value_or(false);
    }
    if (d.variant.rfind("clean", 0) == 0 || d.variant == "mirror")
      CHECK_MESSAGE(added == 0, d.name);
    else if (d.variant != "bg_original")
      CHECK_MESSAGE(added >= 1, d.name);  // the source's backdrop may be white
  }
}

TEST_CASE("the roll variant really rolls the eye line by its angle, measured on the photo") {
  const findings::FaceLocator locator(landmark_model_path());
  std::map<std::string, double> roll;
  for (const auto& d : demo::make_variant_set()) {
    if (d.name.rfind("astronaut_", 0) != 0 || (d.variant != "clean" && d.variant != "roll")) continue;
    auto faces = locator.locate(cv::imdecode(d.jpeg, cv::IMREAD_COLOR));
    REQUIRE_MESSAGE(faces.size() == 1, d.name);
    roll[d.variant] = faces[0].roll_deg;
  }
  REQUIRE(roll.size() == 2);
  CHECK(std::abs(roll["clean"]) < 2.5);                              // crop_to_spec levelled it
  CHECK(std::abs(std::abs(roll["roll"] - roll["clean"]) - 13) < 2);  // the variant turns it 13 degrees
}

TEST_CASE("the labelled set is written with labels.json in the fixtures' format") {
  auto dir = std::filesystem::temp_directory_path() / ("rs-set-" + random_hex(4));
  demo::write_labelled_set(dir);
  auto labels = nlohmann::json::parse(std::ifstream(dir / "labels.json"));
  int photos = 0;
  for (auto& item : labels.items()) {
    // Named copies, not structured bindings: clang 14 (the sanitizer build) cannot capture those
    // in the lambdas CHECK_MESSAGE expands to.
    const std::string name = item.key();
    auto& entry = item.value();
    if (name == "_about") continue;
    ++photos;
    CHECK(std::filesystem::exists(dir / name));
    CHECK(entry["faces"] == 1);
    CHECK(entry.contains("blurred"));
    for (auto& field : entry.items()) {
      const std::string key = field.key();
      const auto& value = field.value();
      // Every key is one the eval understands, with a value of the fixtures' kinds.
      CHECK_MESSAGE(findings::label_key(key) != nullptr, name << ": " << key);
      CHECK((value.is_boolean() || value.is_null() || key == "faces" || key == "other"));
    }
  }
  CHECK(photos >= 12);
  CHECK(labels["astronaut_roll.jpg"]["roll_over_8"] == true);
  CHECK(labels["astronaut_clean.jpg"]["roll_over_8"] == false);
  std::filesystem::remove_all(dir);
}

TEST_CASE("nod variants are made for level faces only and labelled pitch_over_8") {
  std::map<std::string, std::map<std::string, std::optional<bool>>> inherent;
  for (const auto& src : demo::source_faces()) inherent[src.stem] = src.inherent;
  int nods = 0;
  for (const auto& d : demo::make_variant_set()) {
    const std::string stem = d.name.substr(0, d.name.size() - d.variant.size() - 5);
    const bool nod = d.variant.rfind("nod_", 0) == 0;
    if (nod) {
      ++nods;
      CHECK_MESSAGE(d.labels.at("pitch_over_8") == std::optional<bool>(true), d.name);
      CHECK_MESSAGE(!d.labels.at("accessory").has_value(), d.name);  // the morph shears the ears
      CHECK_MESSAGE(!inherent[stem].count("pitch_over_8"), d.name);  // not nodded twice
      CHECK_MESSAGE(!inherent[stem].count("accessory"), d.name);
    } else if (!inherent[stem].count("pitch_over_8")) {
      CHECK_MESSAGE(d.labels.at("pitch_over_8") == std::optional<bool>(false), d.name);
    }
  }
  CHECK(nods >= 2);  // astronaut.png is always there
}
