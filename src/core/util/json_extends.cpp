// Reading a settings file and the files it extends (see json_extends.hpp).
#include "core/util/json_extends.hpp"

#include <stdexcept>

#include "core/util/file_read.hpp"

namespace rs::util {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

[[noreturn]] void refuse(const JsonChainOptions& options, const fs::path& file, const std::string& problem) {
  throw std::runtime_error(options.what + " " + file.string() + ": " + problem);
}

json read_object(const fs::path& file, const JsonChainOptions& options) {
  const FileRead read = read_regular_file(file, options.max_bytes);
  if (!read.ok()) throw std::runtime_error(options.what + " " + read.error);  // the error names the file
  json j;
  try {
    j = json::parse(read.bytes);
  } catch (const json::parse_error& e) {
    refuse(options, file, std::string("invalid JSON (") + e.what() + ")");
  }
  if (!j.is_object()) refuse(options, file, std::string("expected a JSON object, found ") + j.type_name());
  return j;
}

// The file that `file`'s "extends" names: a file name in the same folder, nothing else.
fs::path base_of(const fs::path& file, const json& own, const JsonChainOptions& options) {
  const json& ext = own.at("extends");
  const std::string name = ext.is_string() ? ext.get<std::string>() : std::string();
  if (name.empty() || name == "." || name == ".." || fs::path(name).filename() != fs::path(name))
    refuse(options, file, "\"extends\" must name a file in the same folder, found " + ext.dump());
  return file.parent_path() / name;
}

// Two names of one file compare equal: links and "./" resolved where the file exists.
fs::path identity(const fs::path& file) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(file, ec);
  return ec ? file.lexically_normal() : p;
}

}  // namespace

JsonChain read_json_chain(const fs::path& file, const JsonChainOptions& options, const JsonChainVisit& visit) {
  JsonChain chain;
  std::vector<json> own;  // each file's object, in the order of chain.files
  std::vector<fs::path> seen;
  for (fs::path next = file;;) {
    own.push_back(read_object(next, options));
    chain.files.push_back(next);
    seen.push_back(identity(next));
    if (!own.back().contains("extends")) break;
    const fs::path base = base_of(next, own.back(), options);
    for (const fs::path& s : seen)
      if (s == identity(base))
        refuse(options, next, "\"extends\": " + base.filename().string() + " is already in the chain (a cycle)");
    if (chain.files.size() > static_cast<std::size_t>(options.max_extends))
      refuse(options, next, "\"extends\": a chain of more than " + std::to_string(options.max_extends) + " links");
    own.back().erase("extends");
    next = base;
  }
  for (std::size_t i = own.size(); i-- > 0;) {
    if (visit) visit(chain.files[i], own[i]);
    if (i + 1 == own.size())
      chain.merged = std::move(own[i]);
    else
      chain.merged.merge_patch(own[i]);
  }
  return chain;
}

}  // namespace rs::util
