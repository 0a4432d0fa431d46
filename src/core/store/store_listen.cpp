// LISTEN/NOTIFY (issue 18): on PostgreSQL a workstation with an empty queue sleeps on its
// connection's socket until intake says an order came in, instead of claiming once a second.
// The notification is sent inside the intake's transaction, so it arrives only if the order
// committed, and after it did: the woken workstation's claim sees the order.
#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <thread>

#include "core/store/pg.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
namespace {
constexpr const char* kChannel = "rs_orders";

// Reads what the server sent and takes every notification queued on the connection; true when
// there was at least one. A dead connection throws, so the caller reconnects.
bool take_notifications(pg_conn* conn) {
  if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK)
    throw DbError(std::string("waiting for orders: the queue server went away: ") + PQerrorMessage(conn),
                  DbError::kConnectionLost);
  bool any = false;
  while (PGnotify* n = PQnotifies(conn)) {
    any = true;
    PQfreemem(n);
  }
  return any;
}
}  // namespace

void Store::Impl::notify_orders() {
  if (db.engine() != Engine::Postgresql) return;
  // pg_notify rather than NOTIFY: a utility statement cannot be prepared, a SELECT can.
  sql("SELECT pg_notify('rs_orders', '')")->step();
}

bool Store::orders_notify() const { return impl_->db.engine() == Engine::Postgresql; }

bool Store::wait_for_orders(int timeout_ms) {
  if (!orders_notify()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
    return false;
  }
  pg_conn* conn = impl_->db.pg()->handle();
  if (!impl_->listening) {
    impl_->db.exec((std::string("LISTEN ") + kChannel).c_str());
    impl_->listening = true;
    return true;  // an order may have come in before the LISTEN: the caller looks once more
  }
  if (take_notifications(conn)) return true;
  pollfd fd{PQsocket(conn), POLLIN, 0};
  if (fd.fd < 0) throw DbError("waiting for orders: the connection has no socket", DbError::kConnectionLost);
  const int ready = ::poll(&fd, 1, timeout_ms);
  if (ready <= 0) return false;  // timeout (or EINTR: the caller waits again)
  return take_notifications(conn);
}

}  // namespace rs::store
