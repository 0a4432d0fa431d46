// reviewstation makeset --out DIR
#include <cstdio>

#include "cli/command.hpp"
#include "core/demo/demo_photos.hpp"

namespace {
int run_makeset(const rs::cli::Args& args) {
  std::string out = args.required("--out");
  rs::demo::write_labelled_set(out);
  std::printf("makeset: labelled photos and labels.json written to %s\n", out.c_str());
  return 0;
}
}  // namespace

RS_COMMAND(
    "makeset", "write the generated labelled photo set",
    "Writes photos made from Debian-packaged face photos in GA 461 geometry, each with one known\n"
    "defect or none (roll, nod, exposure, blur, half-face shadow, background, size, position, mirror),\n"
    "and labels.json in the format `reviewstation eval --set DIR` reads.",
    [](rs::cli::Args& a) { a.option("--out", "DIR", "folder to write", true); }, run_makeset);
