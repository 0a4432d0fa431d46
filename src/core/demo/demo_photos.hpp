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
  std::string name;                                   // file name, e.g. "astronaut_roll12.jpg"
  std::string variant;                                // "clean", "roll", "blur", ...
  std::vector<std::uint8_t> jpeg;                     // JPEG in the demo frame (spec_portrait.hpp)
  std::map<std::string, std::optional<bool>> labels;  // keys of the labels.json vocabulary
};

// One face in a Debian-packaged photo: the file and the part of it that holds the face (one
// tile of a collage: nothing of the neighbouring tiles may leak into the crop).
struct FaceSource {
  std::filesystem::path file;
  int x = 0, y = 0, w = 0, h = 0;  // the tile; w 0 = the whole photo
  std::string stem;                // short name for file names
  // Labels the face itself answers whatever the variant (e.g. an open smile; null = not judged,
  // such as studio side light that may or may not count as a shadow), beside the variant's own.
  std::map<std::string, std::optional<bool>> inherent;
  // The source's own background, for the variant that keeps it (white in some studio shots).
  std::optional<bool> own_background_nonuniform, own_background_wrong_colour;
  // False for a face whose own traits fail the rules (a hat): it serves the labelled set only,
  // so that the demo queue's clean photos stay passable.
  bool in_demo_queue = true;
};

// The faces this machine has: python3-skimage's astronaut.png (always), frontal faces from dlib's
// example photos (libdlib19.1, installed with libdlib-dev) and matplotlib's grace_hopper.jpg
// (python-matplotlib-data, a dependency of python3-skimage) when present.
std::vector<FaceSource> source_faces();

// Every variant kind once, in a fixed order, with its labels.
std::vector<DemoPhoto> make_variant_set();

// n photos, deterministic for a seed: about half pass, the rest carry one defect each.
std::vector<DemoPhoto> make_demo_photos(int n, unsigned seed = 1);

// The labelled evaluation set: writes the variants and labels.json (format of
// ../shared/fixtures/photos/labels.json) into dir.
void write_labelled_set(const std::filesystem::path& dir);

}  // namespace rs::demo
