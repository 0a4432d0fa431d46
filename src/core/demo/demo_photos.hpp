#pragma once
// Demo and test photos made from a face photo Debian ships (python3-skimage's astronaut.png): put
// into GA 461 geometry on a white background, then deterministic variants with known defects.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rs::demo {

struct DemoPhoto {
  std::string name;                                    // file name, e.g. "astronaut_roll12.jpg"
  std::string variant;                                 // "clean", "roll", "blur", ...
  std::vector<std::uint8_t> jpeg;                      // 358x441 JPEG
  std::map<std::string, std::optional<bool>> labels;   // keys of the labels.json vocabulary
};

// The Debian-packaged face photos this machine has (at least astronaut.png from python3-skimage).
std::vector<std::filesystem::path> source_faces();

// Every variant kind once, in a fixed order, with its labels.
std::vector<DemoPhoto> make_variant_set();

// n photos, deterministic for a seed: about half pass, the rest carry one defect each.
std::vector<DemoPhoto> make_demo_photos(int n, unsigned seed = 1);

// The labelled evaluation set: writes the variants and labels.json (format of
// ../shared/fixtures/photos/labels.json) into dir.
void write_labelled_set(const std::filesystem::path& dir);

}  // namespace rs::demo
