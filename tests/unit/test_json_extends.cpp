// read_json_chain: a settings file merged over the files it extends, and each way a chain is refused.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/util/json_extends.hpp"
#include "scratch_folder.hpp"

namespace fs = std::filesystem;
using rs::util::JsonChainOptions;
using rs::util::read_json_chain;

namespace {
const JsonChainOptions kOptions{"spec", 4096, 4};

// The error read_json_chain throws, or "" when it reads the chain.
std::string chain_error(const fs::path& file, const JsonChainOptions& options = kOptions) {
  try {
    read_json_chain(file, options);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("read_json_chain merges a file over the one it extends, key by key, child over base") {
  const rs::test::ScratchFolder s("rs-json-chain");
  s.write("base.json", R"({"a": 1, "rules": {"x": {"pass": [0, 1], "p": 2}, "y": {"pass": [0, 5]}}, "list": [1, 2]})");
  const fs::path child = s.write("child.json", R"({"extends": "base.json", "b": "new",
    "rules": {"x": {"p": 3}, "y": null, "z": {"pass": [1, 2]}}, "list": [9]})");
  std::vector<std::string> visited;
  const auto chain = read_json_chain(child, kOptions, [&](const fs::path& file, const nlohmann::ordered_json& own) {
    visited.push_back(file.filename().string());
    CHECK(!own.contains("extends"));
  });
  const auto& m = chain.merged;
  CHECK(m.at("a") == 1);                      // kept from the base
  CHECK(m.at("b") == "new");                  // added by the child
  CHECK(m.at("rules").at("x").at("p") == 3);  // objects merge: the child's value wins ...
  CHECK(m.at("rules").at("x").at("pass") == nlohmann::ordered_json::array({0, 1}));  // ... the rest stays
  CHECK(!m.at("rules").contains("y"));                                               // null removes the base's key
  CHECK(m.at("rules").contains("z"));
  CHECK(m.at("list") == nlohmann::ordered_json::array({9}));  // arrays are replaced, not merged
  CHECK(!m.contains("extends"));
  // Key order is the files' order (the spec's digest is taken over it): base keys first, new ones after.
  CHECK(m.begin().key() == "a");
  CHECK(chain.files == std::vector<fs::path>{child, s.dir / "base.json"});
  CHECK(visited == std::vector<std::string>{"base.json", "child.json"});  // base-most first
}

TEST_CASE("read_json_chain: a file without \"extends\" is read as it is") {
  const rs::test::ScratchFolder s("rs-json-chain");
  const fs::path f = s.write("one.json", R"({"z": 1, "a": {"b": null}})");
  const auto chain = read_json_chain(f, kOptions);
  CHECK(chain.merged.dump() == R"({"z":1,"a":{"b":null}})");
  CHECK(chain.files.size() == 1);
}

TEST_CASE("read_json_chain follows at most max_extends links") {
  const rs::test::ScratchFolder s("rs-json-chain");
  s.write("f0.json", R"({"level": 0})");
  for (int i = 1; i <= 5; ++i)
    s.write("f" + std::to_string(i) + ".json",
            R"({"extends": "f)" + std::to_string(i - 1) + R"(.json", "level": )" + std::to_string(i) + "}");
  const auto four = read_json_chain(s.dir / "f4.json", kOptions);  // f4 -> f3 -> f2 -> f1 -> f0: 4 links
  CHECK(four.merged.at("level") == 4);
  CHECK(four.files.size() == 5);
  CHECK(chain_error(s.dir / "f5.json") ==
        "spec " + (s.dir / "f1.json").string() + ": \"extends\": a chain of more than 4 links");
  CHECK(chain_error(s.dir / "f5.json", JsonChainOptions{"spec", 4096, 5}).empty());
}

TEST_CASE("read_json_chain refuses a cycle, naming the file that closes it") {
  const rs::test::ScratchFolder s("rs-json-chain");
  s.write("a.json", R"({"extends": "b.json"})");
  s.write("b.json", R"({"extends": "a.json"})");
  s.write("self.json", R"({"extends": "./self.json"})");
  s.write("me.json", R"({"extends": "me.json"})");
  CHECK(chain_error(s.dir / "a.json") ==
        "spec " + (s.dir / "b.json").string() + ": \"extends\": a.json is already in the chain (a cycle)");
  CHECK(chain_error(s.dir / "me.json") ==
        "spec " + (s.dir / "me.json").string() + ": \"extends\": me.json is already in the chain (a cycle)");
  // "./self.json" has a folder part: only a plain file name is followed.
  CHECK(
      chain_error(s.dir / "self.json").find("\"extends\" must name a file in the same folder, found \"./self.json\"") !=
      std::string::npos);
}

TEST_CASE("read_json_chain names the file and the problem for a missing base, bad JSON, a non-object, a bad extends") {
  const rs::test::ScratchFolder s("rs-json-chain");
  const fs::path child = s.write("child.json", R"({"extends": "gone.json"})");
  CHECK(chain_error(child) == "spec '" + (s.dir / "gone.json").string() + "' does not exist");
  CHECK(chain_error(s.dir / "none.json") == "spec '" + (s.dir / "none.json").string() + "' does not exist");

  const fs::path broken = s.write("broken.json", R"({"a": )");
  CHECK(chain_error(broken).rfind("spec " + broken.string() + ": invalid JSON (", 0) == 0);

  const fs::path array = s.write("array.json", "[1, 2]");
  CHECK(chain_error(array) == "spec " + array.string() + ": expected a JSON object, found array");
  const fs::path over_array = s.write("over_array.json", R"({"extends": "array.json"})");
  CHECK(chain_error(over_array) ==
        "spec " + array.string() + ": expected a JSON object, found array");  // the base at fault

  for (const char* ext : {"5", "\"\"", "\"../base.json\"", "\"sub/base.json\"", "\"..\"", "null"}) {
    CAPTURE(ext);
    const fs::path f = s.write("bad_ext.json", std::string(R"({"extends": )") + ext + "}");
    CHECK(chain_error(f) == "spec " + f.string() + ": \"extends\" must name a file in the same folder, found " +
                                nlohmann::json::parse(ext).dump());
  }

  const fs::path big = s.write("big.json", "{\"pad\": \"" + std::string(5000, 'x') + "\"}");
  CHECK(chain_error(big) == "spec '" + big.string() + "' is larger than 4 KB");

  fs::create_directories(s.dir / "folder.json");
  CHECK(chain_error(s.dir / "folder.json") ==
        "spec '" + (s.dir / "folder.json").string() + "' is a directory, not a regular file");
}
