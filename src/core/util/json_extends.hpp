#pragma once
// Settings files that start from another one ("extends": "base.json") and change only what
// differs: the rule specs in db/spec and the receipt layouts in db/receipts.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rs::util {

struct JsonChainOptions {
  std::string what;                              // starts every error: "spec", "receipt layout"
  std::size_t max_bytes = std::size_t{1} << 20;  // per file; ours are a few KB
  int max_extends = 4;                           // "extends" links followed at most
};

struct JsonChain {
  nlohmann::ordered_json merged;             // the chain merged, nearest file last, without "extends"
  std::vector<std::filesystem::path> files;  // the file asked for first, then the one it extends, ...
};

// Called once per file of the chain, base-most first, with the file's own object (without its
// "extends", before merging): e.g. to note which file brings in which key.
using JsonChainVisit = std::function<void(const std::filesystem::path& file, const nlohmann::ordered_json& own)>;

// Reads `file`, a JSON object (only a regular file, at most `max_bytes`, through read_regular_file),
// and, while it names one with "extends" (a file name in the same folder), the file it extends.
// The objects are merged base first with RFC 7386 merge patches (objects merge key by key, a
// child's value replaces the base's, a child's null removes the key), keeping the files' key order.
// Throws std::runtime_error "<what> <file>: <problem>" naming the file at fault: unreadable, not
// valid JSON, not an object, a bad "extends", a chain longer than `max_extends` links, or a cycle.
JsonChain read_json_chain(const std::filesystem::path& file, const JsonChainOptions& options,
                          const JsonChainVisit& visit = {});

}  // namespace rs::util
