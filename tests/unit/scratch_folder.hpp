#pragma once
// A scratch folder for a test: made empty under the system's temp folder, removed with all it holds.
#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/random.hpp"

namespace rs::test {

struct ScratchFolder {
  std::filesystem::path dir;
  explicit ScratchFolder(const std::string& prefix)
      : dir(std::filesystem::temp_directory_path() / (prefix + "-" + rs::random_hex(6))) {
    std::filesystem::create_directories(dir);
  }
  ~ScratchFolder() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  // Writes `bytes` to the file `name` in the folder; returns its path.
  std::filesystem::path write(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path p = dir / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

}  // namespace rs::test
