// The rule specs that decisions' findings records name by digest, each kept once.
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {

void Store::keep_specs(const std::vector<KeptSpec>& specs) {
  Transaction tx(impl_->db);
  auto ins = impl_->sql(
      "INSERT INTO specs(digest, doc_type, body, first_seen) VALUES(?1, ?2, ?3, ?4) ON CONFLICT(digest) DO NOTHING");
  const std::string now = iso8601_cst(now_ms());
  for (const auto& s : specs) {
    ins->bind(1, s.digest).bind(2, s.doc_type).bind(3, s.body).bind(4, now);
    ins->run();
  }
  tx.commit();
}

std::optional<KeptSpec> Store::kept_spec(std::string_view spec_id) {
  const auto colon = spec_id.rfind(':');
  const std::string_view digest = colon == std::string_view::npos ? spec_id : spec_id.substr(colon + 1);
  auto q = impl_->sql("SELECT doc_type, digest, body FROM specs WHERE digest = ?1");
  q->bind(1, digest);
  if (!q->step()) return std::nullopt;
  return KeptSpec{q->text(0), q->text(1), q->text(2)};
}

}  // namespace rs::store
