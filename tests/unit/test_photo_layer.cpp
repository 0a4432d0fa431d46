// photo/ is the lower layer: the portrait's geometry, the GA 461 frame and the crop. The rule
// engine (findings/) builds on it, so nothing in src/core/photo may include a header from another
// part of the core; a findings header there would bring back the findings <-> photo include cycle.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

TEST_CASE("src/core/photo includes only its own headers from the core") {
  const fs::path dir = fs::path(RS_SOURCE_DIR) / "src" / "core" / "photo";
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto ext = e.path().extension();
    if (ext != ".hpp" && ext != ".cpp") continue;
    ++files;
    std::ifstream in(e.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("#include \"core/", 0) != 0) continue;
      INFO(e.path().filename().string() << ": " << line);
      CHECK(line.rfind("#include \"core/photo/", 0) == 0);
    }
  }
  CHECK(files >= 6);  // crop, segment, face_frame, ga461_frame (and face_geometry.hpp)
}
