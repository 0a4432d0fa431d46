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

// One face in a Debian-packaged photo: the file, the part of it to look in (empty = all), and
// roughly where the face's box starts inside that part (picks one face of a group photo).
struct FaceSource {
  std::filesystem::path file;
  int x = 0, y = 0, size = 0;      // window; size 0 = the whole photo
  float near_x = 0, near_y = 0;    // approximate top-left of the wanted face box in the window
  std::string stem;                // short name for file names
};

// The faces this machine has: python3-skimage's astronaut.png (always), and frontal faces from
// dlib's example photos (libdlib19.1, installed with libdlib-dev) when present.
std::vector<FaceSource> source_faces();

// Every variant kind once, in a fixed order, with its labels.
std::vector<DemoPhoto> make_variant_set();

// n photos, deterministic for a seed: about half pass, the rest carry one defect each.
std::vector<DemoPhoto> make_demo_photos(int n, unsigned seed = 1);

// The labelled evaluation set: writes the variants and labels.json (format of
// ../shared/fixtures/photos/labels.json) into dir.
void write_labelled_set(const std::filesystem::path& dir);

}  // namespace rs::demo
