#include "core/review/pending_decision.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/issuing/receipt_output.hpp"
#include "core/util/file_read.hpp"
#include "core/util/sha256.hpp"

namespace rs::review {
using nlohmann::json;

namespace {
// A decision with its findings record is a few KB; anything near this is not one of ours.
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 20;

[[noreturn]] void bad(const std::string& field, const char* problem) {
  throw std::invalid_argument("'" + field + "' " + problem);
}

const json& member(const json& obj, const char* key, const std::string& path) {
  const auto it = obj.find(key);
  if (it == obj.end()) bad(path + key, "is missing");
  return *it;
}

std::string text(const json& obj, const char* key, const std::string& path = "") {
  const json& v = member(obj, key, path);
  if (!v.is_string()) bad(path + key, "is not a string");
  return v.get<std::string>();
}

std::int64_t integer(const json& obj, const char* key, const std::string& path = "") {
  const json& v = member(obj, key, path);
  if (!v.is_number_integer()) bad(path + key, "is not an integer");
  return v.get<std::int64_t>();
}

bool flag(const json& obj, const char* key, const std::string& path) {
  const json& v = member(obj, key, path);
  if (!v.is_boolean()) bad(path + key, "is not true or false");
  return v.get<bool>();
}

double real(const json& obj, const char* key, const std::string& path) {
  const json& v = member(obj, key, path);
  if (!v.is_number()) bad(path + key, "is not a number");
  return v.get<double>();
}

std::uint32_t bits(const json& obj, const char* key, const std::string& path) {
  const std::int64_t v = integer(obj, key, path);
  if (v < 0 || v > 0xffffffffLL) bad(path + key, "is out of range");
  return std::uint32_t(v);
}

// Hashed: a URL or a path holds characters a file name cannot.
std::string file_prefix(const std::string& db_path, const std::string& reviewer) {
  return "pending-" + sha256_hex(db_path + '\n' + reviewer).substr(0, 16) + "-";
}

json screen_json(const ScreenRecord& s) {
  return {{"overlays", s.overlays},
          {"layers", s.layers},
          {"mirrored", s.mirrored},
          {"loupe", s.loupe},
          {"compare_previous", s.compare_previous},
          {"zoom", s.zoom},
          {"centre_x", s.centre_x},
          {"centre_y", s.centre_y}};
}

ScreenRecord parse_screen(const json& v) {
  const std::string path = "request.screen.";
  if (!v.is_object()) bad("request.screen", "is not an object");
  ScreenRecord s;
  s.overlays = bits(v, "overlays", path);
  s.layers = bits(v, "layers", path);
  s.mirrored = flag(v, "mirrored", path);
  s.loupe = flag(v, "loupe", path);
  s.compare_previous = flag(v, "compare_previous", path);
  s.zoom = real(v, "zoom", path);
  s.centre_x = real(v, "centre_x", path);
  s.centre_y = real(v, "centre_y", path);
  return s;
}

store::DecisionRequest parse_request(const json& v) {
  const std::string path = "request.";
  if (!v.is_object()) bad("request", "is not an object");
  store::DecisionRequest r;
  r.attempt_id = integer(v, "attempt_id", path);
  r.lease_token = integer(v, "lease_token", path);
  r.workstation = text(v, "workstation", path);
  const std::string outcome = text(v, "outcome", path);
  if (outcome != "approve" && outcome != "reject") bad(path + "outcome", "is neither approve nor reject");
  r.outcome = outcome == "approve" ? store::Outcome::Approve : store::Outcome::Reject;
  const json& reasons = member(v, "reasons", path);
  if (!reasons.is_array()) bad(path + "reasons", "is not a list");
  for (const auto& code : reasons) {
    if (!code.is_string()) bad(path + "reasons", "holds something other than reason codes");
    r.reasons.push_back(code.get<std::string>());
  }
  r.other_text = text(v, "other_text", path);
  r.shown_ms = integer(v, "shown_ms", path);
  r.findings_json = text(v, "findings_json", path);
  if (const auto it = v.find("screen"); it != v.end() && !it->is_null()) r.screen = parse_screen(*it);
  r.claim_next = flag(v, "claim_next", path);
  r.request_key = text(v, "request_key", path);
  // Without its key the decision could not be sent again safely: it might be made twice.
  if (r.request_key.empty()) bad(path + "request_key", "is empty");
  return r;
}
}  // namespace

std::string pending_decision_json(const PendingDecision& p) {
  const auto& r = p.request;
  json request = {{"attempt_id", r.attempt_id},
                  {"lease_token", r.lease_token},
                  {"workstation", r.workstation},
                  {"outcome", r.outcome == store::Outcome::Approve ? "approve" : "reject"},
                  {"reasons", r.reasons},
                  {"other_text", r.other_text},
                  {"shown_ms", r.shown_ms},
                  {"findings_json", r.findings_json},
                  {"screen", r.screen ? screen_json(*r.screen) : json(nullptr)},
                  {"claim_next", r.claim_next},
                  {"request_key", r.request_key}};
  json doc = {{"kind", "reviewstation pending decision"},
              {"db", p.db_path},
              {"reviewer", p.reviewer},
              {"order_no", p.order_no},
              {"attempt_no", p.attempt_no},
              {"second_review_id", p.second_review_id},
              {"request", std::move(request)}};
  return doc.dump(2);
}

PendingDecision parse_pending_decision(std::string_view bytes) {
  const json doc = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw std::invalid_argument("not JSON (cut short or damaged)");
  if (!doc.is_object()) throw std::invalid_argument("not a JSON object");
  if (text(doc, "kind") != "reviewstation pending decision") bad("kind", "is not 'reviewstation pending decision'");
  PendingDecision p;
  p.db_path = text(doc, "db");
  p.reviewer = text(doc, "reviewer");
  p.order_no = text(doc, "order_no");
  const std::int64_t attempt_no = integer(doc, "attempt_no");
  if (attempt_no < 0 || attempt_no > 1'000'000) bad("attempt_no", "is out of range");
  p.attempt_no = int(attempt_no);
  p.second_review_id = integer(doc, "second_review_id");
  p.request = parse_request(member(doc, "request", ""));
  return p;
}

std::filesystem::path pending_decision_file(const std::filesystem::path& dir, const std::string& db_path,
                                            const std::string& reviewer, const std::string& request_key) {
  return dir / (file_prefix(db_path, reviewer) + request_key + ".json");
}

std::vector<std::filesystem::path> pending_decision_files(const std::filesystem::path& dir, const std::string& db_path,
                                                          const std::string& reviewer) {
  const std::string prefix = file_prefix(db_path, reviewer);
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".json"))
      found.emplace_back(entry.last_write_time(ec), entry.path());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::filesystem::path> files;
  for (auto& [when, path] : found) files.push_back(std::move(path));
  return files;
}

void save_pending_decision(const std::filesystem::path& file, const PendingDecision& p) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const std::string text = pending_decision_json(p);
  issuing::write_file_atomically(file, std::vector<std::uint8_t>(text.begin(), text.end()));
}

std::optional<PendingDecision> load_pending_decision(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return std::nullopt;
  const util::FileRead read = util::read_regular_file(file, kMaxFileBytes);
  if (!read.ok()) throw std::invalid_argument(read.error);
  try {
    return parse_pending_decision(
        std::string_view(reinterpret_cast<const char*>(read.bytes.data()), read.bytes.size()));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("the kept decision '" + file.string() + "': " + e.what());
  }
}

void forget_pending_decision(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::remove(file, ec);
}

}  // namespace rs::review
