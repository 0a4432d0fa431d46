#include "core/store/pg.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/store/sqlite.hpp"

namespace rs::store {
namespace {
constexpr Oid kInt8 = 20, kFloat8 = 701, kBytea = 17, kBool = 16, kText = 25;

bool sqlstate_is(const char* state, const char* prefix) {
  return state && std::strncmp(state, prefix, std::strlen(prefix)) == 0;
}

// SQLite's nearest code for a PostgreSQL SQLSTATE, so callers test one kind of error.
int sqlite_code_of(const char* state) {
  if (sqlstate_is(state, "40001") || sqlstate_is(state, "40P01") || sqlstate_is(state, "55P03")) return SQLITE_BUSY;
  if (sqlstate_is(state, "23505")) return SQLITE_CONSTRAINT_UNIQUE;
  if (sqlstate_is(state, "23503")) return SQLITE_CONSTRAINT_FOREIGNKEY;
  if (sqlstate_is(state, "23514")) return SQLITE_CONSTRAINT_CHECK;
  if (sqlstate_is(state, "23502")) return SQLITE_CONSTRAINT_NOTNULL;
  if (sqlstate_is(state, "23")) return SQLITE_CONSTRAINT;
  if (sqlstate_is(state, "P0001")) return SQLITE_CONSTRAINT_TRIGGER;  // a trigger's RAISE
  if (sqlstate_is(state, "08") || sqlstate_is(state, "57P")) return DbError::kConnectionLost;
  return SQLITE_ERROR;
}

std::string first_line(const char* msg) {
  std::string s = msg ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool is_postgresql_url(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

std::string postgresql_dialect(std::string_view in) {
  std::string out;
  out.reserve(in.size() + 16);
  int largest = 0;
  for (std::size_t i = 0; i < in.size();) {
    const char c = in[i];
    if (c == '\'' || c == '"') {  // a literal or a quoted name, copied as it is
      const std::size_t end = in.find(c, i + 1);
      const std::size_t stop = end == std::string_view::npos ? in.size() : end + 1;
      out.append(in.substr(i, stop - i));
      i = stop;
      continue;
    }
    auto word_at = [&](std::string_view w) {
      if (in.size() - i < w.size()) return false;
      for (std::size_t k = 0; k < w.size(); ++k)
        if (std::toupper(static_cast<unsigned char>(in[i + k])) != std::toupper(static_cast<unsigned char>(w[k])))
          return false;
      const bool starts_word = i == 0 || !(std::isalnum(static_cast<unsigned char>(in[i - 1])) || in[i - 1] == '_');
      return starts_word;
    };
    if (c == '?') {  // ?N keeps its number; a bare ? takes the next after the largest so far, as in SQLite
      std::size_t end = i + 1;
      while (end < in.size() && std::isdigit(static_cast<unsigned char>(in[end]))) ++end;
      const int number = end > i + 1 ? std::atoi(std::string(in.substr(i + 1, end - i - 1)).c_str()) : ++largest;
      largest = std::max(largest, number);
      out += '$' + std::to_string(number);
      i = end;
      continue;
    }
    // A unary + on a column is SQLite's way to keep an index out of a plan; PostgreSQL has no unary
    // + for text, and plans by cost anyway.
    if (c == '+' && i + 1 < in.size() && std::isalpha(static_cast<unsigned char>(in[i + 1])) &&
        (i == 0 || in[i - 1] == ' ' || in[i - 1] == '(')) {
      ++i;
      continue;
    }
    // SQLite's CROSS JOIN ... ON is an inner join whose order the planner keeps; PostgreSQL plans
    // the order itself and allows ON only after JOIN.
    if (word_at("CROSS JOIN ")) {
      out += "JOIN ";
      i += 11;
      continue;
    }
    if (word_at("instr(")) {
      out += "strpos(";
      i += 6;
      continue;
    }
    // SQLite's IS / IS NOT compare any two values, NULL included; PostgreSQL's only with NULL,
    // TRUE or FALSE, and spells the rest IS [NOT] DISTINCT FROM.
    if (word_at("IS ")) {
      std::size_t k = i + 3;
      const bool negated = in.substr(k, 4) == "NOT " || in.substr(k, 4) == "not ";
      if (negated) k += 4;
      std::size_t end = k;
      while (end < in.size() && (std::isalpha(static_cast<unsigned char>(in[end])))) ++end;
      std::string next(in.substr(k, end - k));
      for (auto& ch : next) ch = char(std::toupper(static_cast<unsigned char>(ch)));
      if (next != "NULL" && next != "TRUE" && next != "FALSE" && next != "DISTINCT" && next != "NOT") {
        out += negated ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM ";
        i = k;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

[[noreturn]] void throw_pg_error(pg_conn* conn, pg_result* res, const std::string& what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  int code = sqlite_code_of(state);
  if (PQstatus(conn) != CONNECTION_OK) code = DbError::kConnectionLost;
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string msg = what + ": " + first_line(primary ? primary : PQerrorMessage(conn));
  if (res) PQclear(res);
  throw DbError(msg, code);
}

PgConnection::PgConnection(const std::string& url) {
  // Defaults for a centre's network, each listed before the URL so that one the URL names wins:
  // - connect_timeout: a server that does not answer is given up after 10 s instead of the
  //   system's TCP timeout of minutes, so a workstation reconnecting does not hang;
  // - keepalives and tcp_user_timeout: a server gone silent under an open connection (a cable, a
  //   power cut) is noticed within about 20 s, by a waiting query as by an idle LISTEN;
  // - options, for the server's side of the same connection: a session idle for 30 s inside a
  //   transaction is ended (its locks with it; no transaction of the store waits on a person),
  //   and the backend probes the workstation the same way. A workstation that dies between its
  //   BEGIN and COMMIT would otherwise hold the city's counter row or the audit chain's lock,
  //   and with it every approval of the centre, until the server's TCP gave up (two hours).
  const char* keys[] = {"connect_timeout",
                        "keepalives",
                        "keepalives_idle",
                        "keepalives_interval",
                        "keepalives_count",
                        "tcp_user_timeout",
                        "options",
                        "dbname",
                        nullptr};
  const char* values[] = {"10",
                          "1",
                          "10",
                          "3",
                          "3",
                          "20000",
                          "-c idle_in_transaction_session_timeout=30s -c tcp_keepalives_idle=10 "
                          "-c tcp_keepalives_interval=3 -c tcp_keepalives_count=3",
                          url.c_str(),
                          nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = "cannot connect to the queue server '" + url + "': " + first_line(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw DbError(msg, DbError::kConnectionLost);
  }
  // Notices (e.g. "relation already exists, skipping") are for a console, not the workstation's.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

void PgConnection::note_changes(PGresult* res) {
  // sqlite3_changes() counts rows written, not rows read.
  const char* status = PQcmdStatus(res);
  if (std::strncmp(status, "INSERT", 6) == 0 || std::strncmp(status, "UPDATE", 6) == 0 ||
      std::strncmp(status, "DELETE", 6) == 0)
    changes_ = std::atoi(PQcmdTuples(res));
}

void PgConnection::enter_pipeline() {
  if (in_pipeline_) return;
  if (PQenterPipelineMode(conn_) != 1) throw_pg_error(conn_, nullptr, "enter pipeline mode");
  in_pipeline_ = true;
}

void PgConnection::sent(std::string what) {
  ++pipelined_;
  sent_.push_back(std::move(what));
}

PGresult* PgConnection::finish_pipeline(bool keep_last) {
  if (!in_pipeline_) return nullptr;
  const int count = pipelined_;
  std::vector<std::string> names = std::move(sent_);
  pipelined_ = 0;
  sent_.clear();
  PGresult *failed = nullptr, *last = nullptr;
  std::string failed_name;
  bool lost = PQpipelineSync(conn_) != 1;
  for (int k = 0; k < count && !lost; ++k) {
    PGresult* res = PQgetResult(conn_);
    if (!res) {
      lost = true;
      break;
    }
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);  // the NULL that ends each query
    const auto st = PQresultStatus(res);
    const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (ok) note_changes(res);
    if (!ok && !failed && st != PGRES_PIPELINE_ABORTED) {
      failed = res;
      failed_name = names[std::size_t(k)];
    } else if (keep_last && k == count - 1 && !failed) {
      last = res;
    } else {
      PQclear(res);
    }
  }
  if (!lost) {  // the sync's own result, then out of pipeline mode
    PGresult* sync = PQgetResult(conn_);
    lost = !sync || PQresultStatus(sync) != PGRES_PIPELINE_SYNC;
    if (sync) PQclear(sync);
  }
  if (!lost && PQexitPipelineMode(conn_) == 1) in_pipeline_ = false;
  if (lost || in_pipeline_) {
    if (last) PQclear(last);
    in_pipeline_ = false;  // the connection is gone; the store reconnects with a new one
    throw_pg_error(conn_, failed, "pipeline" + (failed ? " '" + failed_name + "'" : std::string()));
  }
  if (failed) {
    if (last) PQclear(last);
    throw_pg_error(conn_, failed, "step '" + failed_name + "'");
  }
  return last;
}

void PgConnection::begin_queued() {
  finish_pipeline();
  enter_pipeline();
  if (PQsendQueryParams(conn_, "BEGIN", 0, nullptr, nullptr, nullptr, nullptr, 0) != 1)
    throw_pg_error(conn_, nullptr, "send BEGIN");
  sent("BEGIN");
}

void PgConnection::commit() {
  if (!in_pipeline_) return exec("COMMIT");
  if (PQsendQueryParams(conn_, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) != 1)
    throw_pg_error(conn_, nullptr, "send COMMIT");
  sent("COMMIT");
  finish_pipeline();
}

void PgConnection::abandon_pipeline() {
  try {
    finish_pipeline();
  } catch (const DbError&) {
    // The transaction is being rolled back: a queued write's failure changes nothing now.
  }
}

void PgConnection::exec(const char* sql) {
  finish_pipeline();
  PGresult* res = PQexec(conn_, sql);
  const auto st = PQresultStatus(res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    throw_pg_error(conn_, res, std::string("'") + std::string(sql).substr(0, 80) + "'");
  const char* n = PQcmdTuples(res);
  changes_ = n && *n ? std::atoi(n) : 0;
  PQclear(res);
}

PgStatement::PgStatement(PgConnection& conn, const char* sql, bool prepared)
    : conn_(conn), sql_(postgresql_dialect(sql)), prepared_(prepared) {}

PgStatement::~PgStatement() {
  if (result_) PQclear(result_);
}

PgStatement::Param& PgStatement::param(int i) {
  if (i < 1 || i > 999) throw DbError("bind: parameter " + std::to_string(i) + " out of range", SQLITE_RANGE);
  if (std::size_t(i) > params_.size()) params_.resize(std::size_t(i));
  auto& p = params_[std::size_t(i) - 1];
  p.bound = true;
  return p;
}

void PgStatement::bind_int64(int i, std::int64_t v) { param(i) = {std::to_string(v), kInt8, false, false, true}; }
void PgStatement::bind_double(int i, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  param(i) = {buf, kFloat8, false, false, true};
}
void PgStatement::bind_text(int i, std::string_view v) {
  // Text goes to the server NUL-terminated, and PostgreSQL's text cannot hold a NUL: refuse it
  // rather than send a shortened value.
  if (v.find('\0') != std::string_view::npos)
    throw DbError("bind: parameter " + std::to_string(i) + " holds a NUL byte, which PostgreSQL text cannot store",
                  SQLITE_MISMATCH);
  param(i) = {std::string(v), 0, false, false, true};
}
void PgStatement::bind_blob(int i, std::span<const std::uint8_t> v) {
  param(i) = {std::string(reinterpret_cast<const char*>(v.data()), v.size()), kBytea, false, true, true};
}
void PgStatement::bind_null(int i) {
  param(i) = {};
  params_[std::size_t(i) - 1].bound = true;
}

// The parameters as libpq takes them, and the server-side name of the statement prepared for
// their types (empty when the statement is sent with its text each time).
struct PgStatement::Call {
  std::vector<Oid> types;
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  std::string name;
  int count() const { return int(types.size()); }
};

PgStatement::Call PgStatement::call() {
  Call c;
  const std::size_t n = params_.size();
  c.types.resize(n);
  c.values.resize(n);
  c.lengths.resize(n);
  c.formats.resize(n);
  std::string signature;
  for (std::size_t k = 0; k < n; ++k) {
    const auto& p = params_[k];
    // A number the SQL skips (bounded_count binds ?2..?5) is typed text: unused, the server could
    // not infer its type otherwise.
    c.types[k] = p.bound ? p.type : kText;
    c.values[k] = p.null ? nullptr : p.value.data();
    c.lengths[k] = int(p.value.size());
    c.formats[k] = p.binary ? 1 : 0;
    signature += std::to_string(p.type) + ",";
  }
  if (!prepared_) return c;
  for (const auto& [sig, nm] : variants_)
    if (sig == signature) c.name = nm;
  if (c.name.empty()) {
    conn_.finish_pipeline();  // PQprepare waits for its answer: not inside a pipeline
    std::string fresh = conn_.next_statement_name();
    PGresult* prep = PQprepare(conn_.handle(), fresh.c_str(), sql_.c_str(), c.count(), c.types.data());
    if (PQresultStatus(prep) != PGRES_COMMAND_OK)
      throw_pg_error(conn_.handle(), prep, "prepare '" + sql_.substr(0, 80) + "'");
    PQclear(prep);
    variants_.emplace_back(signature, fresh);
    c.name = std::move(fresh);
  }
  return c;
}

// Sends the query (prepared or with its text) in pipeline mode, entering it if needed.
int PgStatement::send_call(const Call& c) {
  conn_.enter_pipeline();
  return prepared_ ? PQsendQueryPrepared(conn_.handle(), c.name.c_str(), c.count(), c.values.data(), c.lengths.data(),
                                         c.formats.data(), 0)
                   : PQsendQueryParams(conn_.handle(), sql_.c_str(), c.count(), c.types.data(), c.values.data(),
                                       c.lengths.data(), c.formats.data(), 0);
}

void PgStatement::execute() {
  if (conn_.in_pipeline()) {  // queued writes before it: all of them and this read in one round trip
    send();
    take_result(conn_.finish_pipeline(true));
    return;
  }
  Call c = call();
  PGresult* res = prepared_ ? PQexecPrepared(conn_.handle(), c.name.c_str(), c.count(), c.values.data(),
                                             c.lengths.data(), c.formats.data(), 0)
                            : PQexecParams(conn_.handle(), sql_.c_str(), c.count(), c.types.data(), c.values.data(),
                                           c.lengths.data(), c.formats.data(), 0);
  take_result(res);
}

void PgStatement::take_result(PGresult* res) {
  const auto st = PQresultStatus(res);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
    throw_pg_error(conn_.handle(), res, "step '" + sql_.substr(0, 80) + "'");
  conn_.note_changes(res);
  result_ = res;
  rows_ = st == PGRES_TUPLES_OK ? PQntuples(res) : 0;
  row_ = -1;
}

void PgStatement::send() {
  Call c = call();
  if (send_call(c) != 1) throw_pg_error(conn_.handle(), nullptr, "send '" + sql_.substr(0, 80) + "'");
  conn_.sent(sql_.substr(0, 80));
}

bool PgStatement::step() {
  if (!result_) execute();
  if (row_ < rows_) ++row_;
  return row_ < rows_;
}

void PgStatement::reset() {
  if (result_) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  rows_ = 0;
  params_.clear();
}

int PgStatement::column_count() const { return result_ ? PQnfields(result_) : 0; }

const char* PgStatement::value(int col) const {
  if (!result_ || row_ < 0 || row_ >= rows_ || col < 0 || col >= PQnfields(result_)) return nullptr;
  if (PQgetisnull(result_, row_, col)) return nullptr;
  return PQgetvalue(result_, row_, col);
}

bool PgStatement::is_null(int col) const { return value(col) == nullptr; }

std::int64_t PgStatement::int64(int col) const {
  const char* v = value(col);
  if (!v) return 0;
  if (PQftype(result_, col) == kBool) return *v == 't' ? 1 : 0;
  // numeric and double results (SUM, AVG) read as SQLite reads a real as an integer: truncated.
  if (std::strpbrk(v, ".eE")) return std::int64_t(std::strtod(v, nullptr));
  return std::strtoll(v, nullptr, 10);
}

double PgStatement::real(int col) const {
  const char* v = value(col);
  if (!v) return 0.0;
  if (PQftype(result_, col) == kBool) return *v == 't' ? 1.0 : 0.0;
  return std::strtod(v, nullptr);
}

std::string PgStatement::text(int col) const {
  const char* v = value(col);
  if (!v) return {};
  if (PQftype(result_, col) == kBytea) {
    auto bytes = blob(col);
    return std::string(bytes.begin(), bytes.end());
  }
  if (PQftype(result_, col) == kBool) return *v == 't' ? "1" : "0";
  return std::string(v, std::size_t(PQgetlength(result_, row_, col)));
}

std::vector<std::uint8_t> PgStatement::blob(int col) const {
  const char* v = value(col);
  if (!v) return {};
  const std::size_t len = std::size_t(PQgetlength(result_, row_, col));
  if (PQftype(result_, col) != kBytea) return std::vector<std::uint8_t>(v, v + len);
  // bytea in text form is hex: \x0a1b...
  std::vector<std::uint8_t> out;
  if (len < 2 || v[0] != '\\' || v[1] != 'x') return out;
  out.reserve((len - 2) / 2);
  for (std::size_t k = 2; k + 1 < len; k += 2) {
    const int hi = hex_digit(v[k]), lo = hex_digit(v[k + 1]);
    if (hi < 0 || lo < 0) throw DbError("bytea: not hex at byte " + std::to_string(k), SQLITE_MISMATCH);
    out.push_back(std::uint8_t(hi * 16 + lo));
  }
  return out;
}

}  // namespace rs::store
