// Demo photos and the generated labelled set.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>

#include "core/demo/demo_photos.hpp"
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

TEST_CASE("each defect variant labels its defect and only its defect") {
  for (const auto& d : demo::make_variant_set()) {
    int defects = 0;
    for (const auto& [k, v] : d.labels) defects += v.value_or(false);
    if (d.variant.rfind("clean", 0) == 0 || d.variant == "mirror") CHECK_MESSAGE(defects == 0, d.variant);
    else CHECK_MESSAGE(defects >= 1, d.variant);
  }
}

TEST_CASE("the labelled set is written with labels.json in the fixtures' format") {
  auto dir = std::filesystem::temp_directory_path() / ("rs-set-" + random_hex(4));
  demo::write_labelled_set(dir);
  auto labels = nlohmann::json::parse(std::ifstream(dir / "labels.json"));
  int photos = 0;
  for (auto& [name, entry] : labels.items()) {
    if (name == "_about") continue;
    ++photos;
    CHECK(std::filesystem::exists(dir / name));
    CHECK(entry["faces"] == 1);
    CHECK(entry.contains("blurred"));
  }
  CHECK(photos >= 12);
  CHECK(labels["astronaut_roll.jpg"]["roll_over_8"] == true);
  CHECK(labels["astronaut_clean.jpg"]["roll_over_8"] == false);
  std::filesystem::remove_all(dir);
}
