#pragma once
// The store layer: every SQL string of the product lives under src/core/store/, always with bound
// parameters. A Store owns one connection and is used by one thread; open one per thread/process.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/actor.hpp"
#include "core/domain/screen_record.hpp"
#include "core/figures/overruled_rules.hpp"
#include "core/figures/reviewer_figures.hpp"
#include "core/figures/training_scores.hpp"
#include "core/figures/work_sessions.hpp"
#include "core/issuing/outbox.hpp"
#include "core/issuing/receipt.hpp"
#include "core/issuing/validity.hpp"
#include "core/util/clock.hpp"

namespace rs::store {

class Database;
struct AttemptRow;
struct CaseFile;  // case_file.hpp

struct OrderInfo {
  std::int64_t id = 0;
  std::string order_no, applicant_name, id_number;
  std::string doc_type;  // code: id_card, social_security, ...
  std::string city;      // short Chinese name: 深圳
  char city_letter = 0;
  std::string channel;
};

struct AttemptInfo {
  std::int64_t id = 0;
  std::int64_t order_id = 0;
  int attempt_no = 1;
  std::int64_t photo_id = 0;
  std::string photo_sha256;
  std::string submitted_at;
  Millis submitted_ms = 0;
  std::optional<std::int64_t> previous_attempt_id;
  std::string status;  // pending approved rejected revoked
};

struct Lease {
  std::int64_t attempt_id = 0;
  std::string owner;
  std::int64_t token = 0;  // fencing token: strictly increasing across the database
  Millis expires_ms = 0;
  Millis claimed_ms = 0;
};

// The rejected attempt a resubmission follows, shown beside the new photo.
struct PreviousAttempt {
  AttemptInfo attempt;
  std::vector<std::uint8_t> photo;
  std::vector<std::string> reasons;
  std::string other_text;
  std::string reviewer;
  std::string decided_at;
};

struct Claim {
  OrderInfo order;
  AttemptInfo attempt;
  Lease lease;
  std::vector<std::uint8_t> photo;
  std::optional<PreviousAttempt> previous;
};

enum class Outcome { Approve, Reject };

// Who decides is not part of the request: decide() takes the signed-in reviewer.
struct DecisionRequest {
  std::int64_t attempt_id = 0;
  std::int64_t lease_token = 0;
  std::string workstation;
  Outcome outcome = Outcome::Approve;
  std::vector<std::string> reasons;  // codes; at least one for a rejection
  std::string other_text;            // required when reasons hold OTHER
  Millis shown_ms = 0;               // when the photo appeared on screen (review time starts)
  std::string findings_json = "[]";  // the findings that were on screen
  // The overlays, layers and zoom the workstation showed (decision_screens, for session replay);
  // the command line has none.
  std::optional<ScreenRecord> screen;
  // The same transaction also claims the next order for the reviewer at this workstation (a
  // workstation's prefetch), returned in DecisionResult::next_lease. One transaction instead of
  // two per order halves the write-lock turns that workstations sharing a file queue for.
  bool claim_next = false;
  // The idempotency key a workstation makes when the reviewer presses approve or reject and keeps
  // across retries (up to 64 of [0-9a-zA-Z_-]; empty: none, as from the command line). A request
  // whose key a committed decision already carries is answered with that decision, writing
  // nothing: a commit whose reply the lost connection swallowed is not made twice.
  std::string request_key;
};

struct DecisionResult {
  std::int64_t decision_id = 0;
  std::string order_no;
  int attempt_no = 0;
  Outcome outcome = Outcome::Approve;
  std::string image_number;  // approvals
  std::string expires_on;    // approvals
  std::string notice_token;  // rejections: the one-time resubmission token
  std::int64_t review_ms = 0;
  std::optional<Lease> next_lease;  // see DecisionRequest::claim_next; read it with load_claim()
  // The decision was committed before, under the request's key: this is it again. Its notice
  // token cannot be given again (only its digest is kept), so notice_token is empty then.
  bool replayed = false;
};

// Something the store will not do, and why. The message names the item and the problem, and
// nothing was written. The one exception of the store's API for requests it refuses (a broken
// database throws SqliteError: that is not a refusal).
class Refusal : public std::runtime_error {
 public:
  enum class Why {
    // decisions
    UnknownAttempt,
    NotPending,
    StaleLease,
    NoReason,
    UnknownReason,
    OtherNeedsText,
    SerialsExhausted,
    BadText,
    Unprintable,
    // intake and resubmission
    BadManifest,
    UnknownToken,
    TokenUsed,
    TokenVoided,  // its rejection was overturned into an approval
    BadPhoto,
    // claims, issuing and quarantine
    BadOwner,
    BadQuery,
    UnknownNumber,
    AlreadyRevoked,
    AlreadyOverturned,
    UnknownOrder,
    NotQuarantined,
    // accounts
    SignInFailed,   // unknown name or wrong password (which one is not said)
    AccountLocked,  // too many failed sign-ins: wait
    AccountDisabled,
    NotPermitted,  // the actor lacks the role the action needs, or acts on their own decision
    BadAccount,    // a name, password or role list that cannot be used
    UnknownUser,
    UserExists,
    // training
    NotCertified,  // a trainee (a reviewer not yet certified) claimed from the live queue
    UnknownSet,
    SetExists,
    NotAssigned,
    SetFinished,
    BadTrainingFile,
    // gold cases
    Paused,      // a reviewer whose gold accuracy fell below gold.pause_below claimed: a supervisor unpauses
    BadSetting,  // an unknown setting or a value out of its range
  };
  Refusal(Why why, const std::string& msg) : std::runtime_error(msg), why_(why) {}
  Why why() const { return why_; }

 private:
  Why why_;
};

struct QueueRow {
  std::string order_no;
  int attempt_no = 1;
  std::string doc_type;
  std::string city;
  std::string submitted_at;
  Millis submitted_ms = 0;
  std::optional<std::string> lease_owner;  // set while the lease is live
  int priority = 0;
};

struct QueueStats {
  int pending = 0;            // not decided, leased or not
  Millis oldest_wait_ms = 0;  // now - oldest pending submission
  int mine_today = 0;         // this reviewer's decisions since local midnight
  int mine_approved_today = 0;
  int mine_rejected_today = 0;
  int second_reviews_waiting = 0;  // drawn decisions of others waiting for this reviewer's second look
};

struct IngestItem {
  std::size_t index = 0;  // position in the manifest array
  std::string order_no;
  // PhotoRefused: a well-formed order whose photo cannot be read; it is recorded as rejected by
  // "system" with a failure notice and a resubmission token, and never reaches a reviewer.
  enum class Status { Enqueued, AlreadyPresent, PhotoRefused, Refused } status = Status::Refused;
  std::string error;  // one line: which order, what is wrong
};

struct IngestReport {
  std::vector<IngestItem> items;
  int enqueued = 0, already_present = 0, photo_refused = 0, refused = 0;
};

// One applicant order as a manifest or the demo supplies it.
struct NewOrder {
  std::string order_no, applicant_name, id_number, doc_type, city, channel, submitted_at;
  std::vector<std::uint8_t> photo;
};

struct ResubmitResult {
  std::string order_no;
  int attempt_no = 0;
  std::int64_t attempt_id = 0;
};

// What an issuing desk hears back for an image number.
enum class VerifyAnswer { Valid, Expired, WrongCity, WrongDocType, Revoked, Unknown, Malformed };
std::string_view verify_answer_code(VerifyAnswer a);  // "valid", "expired", "wrong_city", ...

struct VerifyResult {
  VerifyAnswer answer = VerifyAnswer::Unknown;
  std::string detail;      // why, in words
  std::string expires_on;  // when known
  std::string city;        // the issuing city, when known
};

using OutboxMessage = issuing::OutboxMessage;

// A rule spec that findings were judged by (see findings::Spec::text and digest).
struct KeptSpec {
  std::string doc_type, digest, body;
};

// ---- quarantine ----
// An attempt taken out of the queue because analysing its photo killed the workstation process
// (store_quarantine.cpp): two starts of its analysis never finished.
struct QuarantineRow {
  std::string order_no;
  int attempt_no = 1;
  std::string doc_type, city;
  std::string cause;           // why, in words
  std::string quarantined_at;  // ISO 8601, China time
  int starts = 0;              // analysis starts recorded (decoding counts as analysis)
  int unfinished = 0;          // starts that never finished
};

// ---- overturns ----
// A supervisor turns the order's latest decision round (Store::overturn). Who overturns is not
// part of the request: overturn() takes the signed-in supervisor.
struct OverturnRequest {
  std::string order_no;
  std::string justification;         // required: why, for the record (not sent to the applicant)
  std::vector<std::string> reasons;  // codes; required when an approval becomes a rejection
  std::string other_text;            // required when reasons hold OTHER
};

struct OverturnResult {
  std::int64_t overturn_id = 0, decision_id = 0;
  std::string order_no;
  int attempt_no = 0;
  Outcome to = Outcome::Reject;                  // what the decision is now
  std::string revoked_number;                    // to a rejection: the number withdrawn
  std::string notice_token;                      // to a rejection: the applicant's free resubmission token
  std::string image_number;                      // to an approval: the new number
  std::string expires_on;                        // to an approval
  std::optional<std::int64_t> voided_notice_id;  // to an approval: the notice whose token stopped working
};

// ---- accounts ----
struct NewUser {
  std::string name;          // sign-in name: 1-50 characters, no spaces or control characters
  std::string display_name;  // shown on screen; the name when empty
  accounts::RoleSet roles;
  std::string password;
  // A reviewer who is not yet certified: works the training sets assigned to them, and the live
  // queue refuses their claims until a trainer or a supervisor certifies them (Store::certify).
  bool trainee = false;
};

struct UserRow {
  std::string name, display_name;
  accounts::RoleSet roles;
  bool disabled = false;
  bool has_password = false;
  bool locked = false;  // locked now by failed sign-ins
  bool certified = true;
  std::string created_at;
};

// ---- blind second review (store_second_review.cpp) ----
// A decision drawn for a second review, as the second reviewer gets it: the order and the photo,
// never the first decision.
struct SecondReviewCase {
  std::int64_t id = 0;  // second_reviews.id
  std::int64_t lease_token = 0;
  OrderInfo order;
  AttemptInfo attempt;
  std::vector<std::uint8_t> photo;
};

struct SecondReviewRequest {
  std::int64_t id = 0;
  std::int64_t lease_token = 0;
  std::string workstation;
  Outcome outcome = Outcome::Approve;
  std::vector<std::string> reasons;  // codes; at least one for a rejection
  std::string other_text;            // required when reasons hold OTHER
  Millis shown_ms = 0;
};

// One second review with both decisions side by side (the supervisors' inbox, the figures).
struct SecondReviewRow {
  std::int64_t id = 0, decision_id = 0;
  std::string order_no;
  int attempt_no = 0;
  std::string first_reviewer, first_decision, first_decided_at;
  std::vector<std::string> first_reasons;
  std::string reviewer, decision, decided_at;  // empty while waiting
  std::vector<std::string> reasons;
  std::optional<bool> agrees;
  std::string resolved_by, resolved_at, resolution;
};

// The period of the figures: dates "2026-12-01" in China Standard Time, both days included;
// empty: open at that end.
struct FiguresQuery {
  std::string from, to;
};

// ---- decision browser (store_browse.cpp) ----
// What the supervisors' decision browser asks for; every field left empty or false does not
// filter. Dates as in FiguresQuery.
struct BrowseFilter {
  std::string reviewer;
  std::string from, to;
  std::optional<Outcome> outcome;
  std::string reason;                    // a reason code the decision names
  std::string doc_type;                  // code: id_card, ...
  std::string city;                      // short Chinese name: 深圳
  bool engine_disagreed = false;         // approved a photo the engine failed, or rejected one it passed
  bool second_review_disagreed = false;  // a second review came out the other way
  bool overturned = false;
};

// Where a page ends: the next page starts after it (decided_ms DESC, id DESC).
struct BrowseKey {
  Millis decided_ms = 0;
  std::int64_t id = 0;
};

// One decision as the browser lists it. The applicant's name and ID number come masked
// (domain/masking.hpp): a list of thousands of cases needs neither in full.
struct DecisionRow {
  std::int64_t id = 0;
  std::string order_no;
  int attempt_no = 0;
  std::string reviewer, decision;  // decision: approved | rejected
  std::vector<std::string> reasons;
  std::string decided_at;
  Millis decided_ms = 0;
  std::int64_t review_ms = 0;
  std::string doc_type, city;
  std::string applicant_masked, id_number_masked;
  std::optional<std::string> engine_verdict;  // pass | fail; none without findings
  bool overturned = false;
  std::optional<bool> second_review_agrees;  // none: no second review decided
  BrowseKey key() const { return {decided_ms, id}; }
};

// ---- training (store_training*.cpp) ----
enum class Feedback { Immediate, End };  // when a trainee sees each case's reference

// Which decided cases a new training set takes. Filters combine (all must hold); `orders`, the
// cases picked by hand ("ORDER_NO" for its latest decided attempt, "ORDER_NO#N" for attempt N),
// is used alone. Newest decisions first, at most `limit` (1..kMaxTrainingCases).
struct TrainingPick {
  std::string reason;      // a reason code the final decision names
  std::string doc_type;    // code or Chinese name
  std::string city;        // 深圳 or 深圳市
  bool difficult = false;  // overturned, second review disagreed, or the reviewer overruled the engine
  int limit = 20;
  std::vector<std::string> orders;
};
inline constexpr int kMaxTrainingCases = 1000;

struct TrainingSetInfo {
  std::string name, created_by, created_at;
  Feedback feedback = Feedback::End;
  int cases = 0;
  std::vector<std::string> trainees;
};

// A case as a trainer sees it (reference included) or as training feedback shows it. The
// applicant's name and ID number come masked only: nothing in training needs them.
struct TrainingCase {
  std::int64_t id = 0;
  int position = 0;  // 1..n in the set
  std::string order_no;
  int attempt_no = 0;
  std::string doc_type, city, applicant_masked, id_number_masked;
  std::string original_reviewer, original_decision;  // the decision as the reviewer made it
  std::vector<std::string> original_reasons;
  bool overturned = false;
  std::string reference;  // approved | rejected
  std::vector<std::string> reference_reasons;
  std::string note;
};

struct TrainingSet {
  TrainingSetInfo info;
  std::vector<TrainingCase> cases;
};

// The next case a trainee answers, blind: no reference, no original decision.
struct TrainingTask {
  std::string set;
  std::int64_t case_id = 0;
  int position = 0, total = 0;
  std::string order_no;  // the source order's number (a trainer's reference, not the applicant)
  std::string doc_type, city, applicant_masked, id_number_masked;
  std::vector<std::uint8_t> photo;
  std::string findings_json;  // the findings the original reviewer had on screen
};

struct TrainingAnswerRequest {
  std::string set;
  std::int64_t case_id = 0;  // the case answered (TrainingTask::case_id); 0: the next unanswered one
  Outcome outcome = Outcome::Approve;
  std::vector<std::string> reasons;  // codes; at least one for a rejection
  Millis shown_ms = 0;               // when the case appeared (time per case); 0: now
};

struct TrainingAnswerResult {
  int position = 0, total = 0, answered = 0;
  std::string order_no;
  std::string decision;  // approved | rejected
  std::vector<std::string> reasons;
  std::int64_t ms_spent = 0;
  // Immediate feedback, or the set's last answer under end feedback: the reference of this case
  // (and, at the end, of every case: feedback()).
  std::optional<TrainingCase> reference;
  bool finished = false;
};

// One answered case for the end-of-set feedback.
struct TrainingFeedbackRow {
  TrainingCase reference;
  std::string decision;
  std::vector<std::string> reasons;
  std::int64_t ms_spent = 0;
};

// ---- session replay and trainees' progress (store_replay.cpp) ----
// A reviewer's working session: decisions with no pause longer than the gap between them.
struct WorkSession {
  std::string reviewer;
  Millis started_ms = 0;  // the first order appeared (its decision less its review time)
  Millis first_decided_ms = 0, last_decided_ms = 0;
  int decisions = 0;
  int recorded = 0;  // decisions with a screen record (made since migration 017, at a workstation)
};

// One decision of a session, in the order decided, as the replay shows it.
struct SessionCase {
  std::int64_t decision_id = 0, attempt_id = 0;
  std::string order_no;
  int attempt_no = 0;
  std::string doc_type;
  std::string decision;  // approved | rejected, as the reviewer decided it
  std::vector<std::string> reasons;
  std::string other_text;
  std::int64_t review_ms = 0;  // how long the order stayed on screen
  Millis decided_ms = 0;
  std::string findings_json;           // the findings that were on screen (decision_record.hpp)
  std::optional<ScreenRecord> screen;  // none: decided before recording existed, or from the command line
};

struct TraineeProgress {
  std::string trainee;
  std::vector<figures::ProgressPoint> sessions;  // oldest first
};

// ---- settings and known-answer (gold) cases (store_gold*.cpp) ----
// A setting as the settings table keeps it (second_review_share, gold.rate, ...).
struct SettingRow {
  std::string key, value;
};

// The gold settings (migration 016's defaults). A reviewer is paused when, over at least
// min_cases gold answers since their last unpause, correct / answered < pause_below (17 of 20 at
// 0.85 is not below; 16 of 20 is).
struct GoldSettings {
  double rate = 0.05;
  double pause_below = 0.85;
  int min_cases = 20;
  // The pause rule on a record since the last unpause; the margin keeps 17 / 20 at 0.85 (17.0
  // against 0.85 * 20 in binary) on the side of "not below".
  bool pauses(int answered, int correct) const {
    return answered >= min_cases && double(correct) < pause_below * answered - 1e-9;
  }
};
// At most every other claim is a gold case, so real orders always get worked.
inline constexpr double kMaxGoldRate = 0.5;

struct GoldCaseInfo {
  std::string order_no;
  int attempt_no = 0;
  std::string original_reviewer;
  std::string reference;  // approved | rejected: the final decision after overturns when marked
  std::vector<std::string> reasons;
  std::string added_by, added_at;
  int delivered = 0, answered = 0, correct = 0;
};

// A reviewer's gold record: every answer, and those since the last unpause (the pause counts these).
struct GoldScore {
  std::string reviewer;
  int answered = 0, correct = 0;
  std::optional<double> accuracy;  // none before the first answer
  int answered_since_unpause = 0, correct_since_unpause = 0;
  bool paused = false;
};

// A paused reviewer, for the supervisors' inbox: the record that paused them.
struct PausedReviewer {
  std::string reviewer, paused_at;
  int answered = 0, correct = 0;
  double pause_below = 0;
};

// ---- load test (store_load_fill.cpp, store_load_check.cpp) ----
// What a database already holds; `loadtest` runs only on one that holds neither.
struct LoadTestHoldings {
  std::int64_t orders = 0, accounts = 0;
};

// The invariants a load test checks afterwards, by SQL that runs unchanged on SQLite and
// PostgreSQL. Each must be 0.
struct LoadCheck {
  // attempts with more than one decision, orders with more than one approved attempt, attempts
  // holding more than one valid (unrevoked) image number
  std::int64_t double_decisions = 0;
  // a city's serial of a day issued more than once (under any document group), or one number
  // named by two decisions
  std::int64_t duplicate_numbers = 0;
  // per city and day: serials missing from 1..max among the issued numbers, plus serials the
  // counter row drew beyond the highest issued one
  std::int64_t serial_gaps = 0;
  std::int64_t decisions = 0, approvals = 0, numbers = 0;  // what was checked
};

struct StoreOptions {
  Millis lease_ms = 5 * 60 * 1000;       // default lease length for claims
  Millis skip_hold_ms = 10 * 60 * 1000;  // a skipped order stays away from its skipper this long
  // Receipt validity per document group and city; the standard table (db/issuing/validity.json)
  // unless the caller hands in another.
  const issuing::ValidityTable* validity = &issuing::ValidityTable::standard();
  // The random source of gold deliveries (the draw against gold.rate, the case, the stand-in
  // order number and applicant); nullopt: seeded from the kernel. Tests fix it.
  std::optional<std::uint64_t> gold_seed;
  // gold.rate; nullopt: the database's setting. Tests fix it (1: every claim that finds a real
  // order takes a gold case while one is left for the reviewer).
  std::optional<double> gold_rate;
  // The share of decisions drawn for a second review; nullopt: the database's setting (5 % unless
  // a supervisor set another). Tests fix it at 0 or 1.
  std::optional<double> second_review_share;
};

namespace training {
struct PickedCase;  // store_training.hpp
struct Access;      // the training files' helpers reach Impl through it
}  // namespace training

class Store : public issuing::OutboxSource {
 public:
  // Opens (creating if needed) the SQLite file, sets WAL and foreign keys, applies migrations.
  explicit Store(const std::string& path, StoreOptions options = {});
  ~Store() override;
  Store(Store&&) noexcept;
  Store(const Store&) = delete;

  // ---- accounts (store_accounts.cpp) ----
  // Five failed sign-ins in a row lock an account for this long; each is in the audit log.
  static constexpr int kSignInAttempts = 5;
  static constexpr Millis kLockMs = 15 * 60 * 1000;
  // The actor for `name` when the password matches and the account is enabled and not locked;
  // otherwise Refusal (SignInFailed, AccountLocked, AccountDisabled). Every sign-in, failure and
  // lock is audited.
  accounts::Actor sign_in(const std::string& name, const std::string& password);
  // The first admin of a new database; Refusal when an admin exists already.
  void init_admin(const std::string& name, const std::string& password, const std::string& display_name = {});
  // Admins only (Refusal NotPermitted naming the role): add, disable, enable, list; set_password
  // for anyone by an admin, or for oneself.
  void add_user(const accounts::Actor& admin, const NewUser& user);
  void set_user_disabled(const accounts::Actor& admin, const std::string& name, bool disabled);
  void set_password(const accounts::Actor& actor, const std::string& name, const std::string& password);
  std::vector<UserRow> list_users(const accounts::Actor& admin);
  // Refusal NotPermitted ("<what> needs the <role> role; <name> has <roles>; nothing was written")
  // unless the actor holds `role`.
  static void require_role(const accounts::Actor& actor, accounts::Role role, const std::string& what);
  // The same for an action any one of two roles may take ("... needs the supervisor or admin role").
  static void require_either_role(const accounts::Actor& actor, accounts::Role a, accounts::Role b,
                                  const std::string& what);

  // ---- certification (store_training.cpp) ----
  // A trainer or a supervisor certifies a reviewer account: from then on its claims on the live
  // queue are taken. Audited (user_certify). Refusal: not a trainer or supervisor, unknown account,
  // not a reviewer, certified already.
  void certify(const accounts::Actor& actor, const std::string& name);
  // Whether the account may work the live queue (false for a trainee; true for an unknown name).
  bool certified(const std::string& name);

  // ---- training sets (store_training*.cpp) ----
  // Trainers and supervisors build, assign, edit, export, import and score; only a trainee
  // assigned to a set answers it. Every change is audited. Refusals name the set, the case or the
  // account and the problem; nothing is written then.
  TrainingSetInfo create_training_set(const accounts::Actor& trainer, const std::string& name, Feedback feedback,
                                      const TrainingPick& pick);
  // Trainers and supervisors: every set; anybody else: the sets assigned to them.
  std::vector<TrainingSetInfo> training_sets(const accounts::Actor& actor);
  TrainingSet training_set(const accounts::Actor& trainer, const std::string& name);
  void assign_training_set(const accounts::Actor& trainer, const std::string& set, const std::string& trainee);
  // The case at `position` gets a new reference (reasons for a rejection) and/or note.
  void edit_training_case(const accounts::Actor& trainer, const std::string& set, int position,
                          const std::optional<Outcome>& reference, const std::vector<std::string>& reasons,
                          const std::optional<std::string>& note);
  // The set as JSON (cases by order number and attempt, references, notes) and back: the import
  // finds each case's decided attempt in this database. Refusal BadTrainingFile naming the item.
  std::string export_training_set(const accounts::Actor& trainer, const std::string& name);
  TrainingSetInfo import_training_set(const accounts::Actor& trainer, const std::string& json_text);
  // The trainee's next unanswered case of `set`; nullopt when every case is answered.
  std::optional<TrainingTask> next_training_case(const accounts::Actor& trainee, const std::string& set);
  // An answered case again (the workstation's feedback steps through them with their photos):
  // the trainee's own, and under end feedback only once every case is answered.
  TrainingTask answered_training_case(const accounts::Actor& trainee, const std::string& set, int position);
  // Records the answer in the training tables only (nothing issued, no queue row touched).
  TrainingAnswerResult answer_training_case(const accounts::Actor& trainee, const TrainingAnswerRequest& request);
  // Every answered case with its reference: the trainee after the last case (or at any time under
  // immediate feedback), trainers and supervisors always.
  std::vector<TrainingFeedbackRow> training_feedback(const accounts::Actor& actor, const std::string& set,
                                                     const std::string& trainee);
  // Trainers and supervisors: one score per trainee and set (only `trainee`'s when not empty).
  std::vector<figures::TrainingScore> training_scores(const accounts::Actor& trainer, const std::string& trainee);

  // ---- settings and known-answer (gold) cases (store_gold*.cpp) ----
  // Every setting, by key (any signed-in account may read them).
  std::vector<SettingRow> settings();
  GoldSettings gold_settings();
  // Supervisors only: gold.rate (0..kMaxGoldRate), gold.pause_below (0..1), gold.min_cases (1..10000).
  // Refusal BadSetting naming the key and the problem; audited ("setting").
  void set_setting(const accounts::Actor& supervisor, const std::string& key, const std::string& value);
  // Trainers and supervisors mark decided orders (ORDER_NO: its latest decided attempt; ORDER_NO#N:
  // attempt N) as gold, all or none: Refusal naming an unknown or undecided order or one marked
  // already. The reference is the final decision and reasons after overturns. Audited (gold_add).
  std::vector<GoldCaseInfo> add_gold_cases(const accounts::Actor& trainer, const std::vector<std::string>& orders);
  std::vector<GoldCaseInfo> gold_cases(const accounts::Actor& trainer);
  // Trainers and supervisors: each reviewer with a gold answer or a pause, by name.
  std::vector<GoldScore> gold_scores(const accounts::Actor& trainer);
  // Supervisors: the reviewers paused now (the inbox).
  std::vector<PausedReviewer> paused_reviewers(const accounts::Actor& supervisor);
  // Supervisors lift a pause (audited user_unpause); Refusal UnknownUser / BadAccount when the
  // account is unknown or not paused.
  void unpause(const accounts::Actor& supervisor, const std::string& name);
  bool paused(const std::string& name);

  // ---- intake ----
  // Whole manifest: bad items are refused one by one, good ones enqueued; a malformed file throws.
  // Photo paths resolve inside `photos_root` (default: the manifest's folder).
  IngestReport ingest_manifest(const std::filesystem::path& manifest,
                               const std::optional<std::filesystem::path>& photos_root = std::nullopt);
  // One order; returns Enqueued, AlreadyPresent (same order_no: nothing changes) or Refused with why.
  IngestItem enqueue(const NewOrder& order);
  ResubmitResult resubmit(const std::string& token, const std::vector<std::uint8_t>& photo);

  // ---- the queue ----
  // Every call that changes the queue takes the signed-in reviewer (Refusal NotPermitted naming the
  // role otherwise; nothing written). The lease owner is "reviewer@workstation" (workstation_id.hpp).
  std::optional<Claim> claim_next(const accounts::Actor& reviewer, std::string_view workstation);
  // The order, attempt, photo and previous attempt behind a lease already taken (claim_next's
  // second half; also for DecisionResult::next_lease). Reads only: no write lock.
  Claim load_claim(const Lease& lease);
  bool renew_lease(const accounts::Actor& reviewer, std::int64_t attempt_id, std::int64_t token);
  // The order goes back to the queue at its place, for everyone at once. A Skip keeps it away from
  // the workstation that skipped it (the lease owner) until skip_hold_ms has passed; a HandBack
  // (quitting, a refused decision) does not.
  enum class Release { Skip, HandBack };
  void release(const accounts::Actor& reviewer, std::int64_t attempt_id, std::int64_t token,
               Release kind = Release::Skip);
  // Hands back every order `owner` still holds (a workstation starting again after a crash: its
  // old run's orders would otherwise read "held by someone else" until their leases ran out).
  // Returns how many. A reviewer's workstation does it for its own earlier runs and for the dead
  // processes of its host (orphaned_leases.hpp), whoever they were signed in as.
  int hand_back_all(const accounts::Actor& reviewer, const std::string& owner);
  // Everyone who holds a lease on a pending order (expired leases included), each once.
  std::vector<std::string> lease_owners();
  std::vector<QueueRow> pending_queue();
  // An idle workstation's wait on an empty queue (store_listen.cpp). PostgreSQL: this connection
  // LISTENs for the notification intake, resubmissions and releases send, and the call returns
  // true as soon as one arrives (the first call only starts listening and returns true, so an
  // order that came in before is not missed), false after `timeout_ms`, without a query.
  // SQLite has no such signal: it sleeps `timeout_ms` and returns false.
  bool wait_for_orders(int timeout_ms);
  // Whether wait_for_orders is woken by new orders (PostgreSQL), so an idle workstation need not
  // ask the queue again and again.
  bool orders_notify() const;
  QueueStats stats(const std::string& reviewer);

  // ---- decisions ----
  // Reviewers only; the lease must be the reviewer's own (taken by claim_next with this actor).
  DecisionResult decide(const accounts::Actor& reviewer, const DecisionRequest& request);

  // ---- blind second review (store_second_review.cpp) ----
  // Reviewers and supervisors: the oldest waiting second review of somebody else's decision,
  // leased to `workstation` as claim_next leases orders; nullopt when there is none.
  std::optional<SecondReviewCase> claim_second_review(const accounts::Actor& actor, std::string_view workstation);
  // Records the second decision (nothing is issued; the applicant never hears of it) and whether it
  // agrees with the first. Refusal as decide's: stale lease, reasons, own decision, role.
  SecondReviewRow decide_second_review(const accounts::Actor& actor, const SecondReviewRequest& request);
  void release_second_review(const accounts::Actor& actor, std::int64_t id, std::int64_t lease_token);
  bool renew_second_review(const accounts::Actor& actor, std::int64_t id, std::int64_t lease_token);
  // Supervisors: second reviews that disagree with their first decision, open ones only unless
  // `include_resolved`; newest first, at most `limit`.
  std::vector<SecondReviewRow> second_review_disagreements(const accounts::Actor& supervisor, bool include_resolved,
                                                           int limit = 500);
  // Supervisors: closes a disagreement with what was done about it (e.g. "overturned", "kept").
  void resolve_disagreement(const accounts::Actor& supervisor, std::int64_t id, const std::string& resolution);
  // The share of decisions drawn (0..1); setting it needs a supervisor or an admin and is audited.
  double second_review_share();
  // The same from the setting's text as the settings table holds it (nothing: not set).
  double second_review_share(const std::optional<std::string>& setting);
  void set_second_review_share(const accounts::Actor& actor, double share);
  int second_reviews_waiting(const std::string& excluding_reviewer);

  // ---- session replay and trainees' progress (store_replay.cpp): trainers and supervisors ----
  // Everyone who decided something (not "system"), by name.
  std::vector<std::string> reviewers_with_decisions(const accounts::Actor& trainer);
  // The reviewer's working sessions, oldest first; Refusal UnknownUser for a name without an account.
  std::vector<WorkSession> work_sessions(const accounts::Actor& trainer, const std::string& reviewer,
                                         Millis gap_ms = figures::kSessionGapMs);
  // The decisions of one session (as work_sessions returned it), in the order decided.
  std::vector<SessionCase> session_cases(const accounts::Actor& trainer, const WorkSession& session);
  // The stored photo of a decided attempt, for the replay (the bytes as uploaded).
  std::vector<std::uint8_t> decided_photo(const accounts::Actor& trainer, std::int64_t attempt_id);
  // Per trainee (one when `trainee` is not empty), every training answer across their sets split
  // into sessions, each with its accuracy, kappa and time per case. Trainees without answers are
  // left out.
  std::vector<TraineeProgress> training_progress(const accounts::Actor& trainer, const std::string& trainee,
                                                 Millis gap_ms = figures::kSessionGapMs);

  // ---- figures per reviewer (store_figures.cpp) ----
  // Supervisors only. Refusal BadQuery for a date that is not YYYY-MM-DD or a period that ends
  // before it starts.
  figures::FiguresReport figures(const accounts::Actor& supervisor, const FiguresQuery& query);
  // Supervisors only: per rule, approvals of photos it failed and rejections for its reason of
  // photos it passed, over the period's decisions that had findings on screen.
  std::vector<figures::OverruledRule> overruled_rules(const accounts::Actor& supervisor, const FiguresQuery& query);

  // ---- decision browser (store_browse.cpp) ----
  // Supervisors only: at most `limit` decisions matching `f`, newest first (decided_ms DESC, id
  // DESC), starting after `after` (keyset paging: a page costs the same at any depth). Refusal
  // BadQuery for a date as figures() refuses it.
  std::vector<DecisionRow> browse_decisions(const accounts::Actor& supervisor, const BrowseFilter& f,
                                            const std::optional<BrowseKey>& after, int limit);

  // ---- one case (store_case.cpp) ----
  // Supervisors only: the order's case file (case_file.hpp), read in one snapshot; nullopt for an
  // unknown order.
  // Masking by role, decided here in the store and nowhere else: every supervisor read that lists
  // cases (the browser's DecisionRow, the inbox, the figures) gives applicants' names and ID
  // numbers masked (domain/masking.hpp: 张*, 4403**********1234) or not at all; the case file,
  // which a supervisor opens deliberately for one order (an applicant's complaint), gives them in
  // full. Reviewers see them in full on the order they decide; other roles get neither read.
  std::optional<CaseFile> case_file(const accounts::Actor& supervisor, const std::string& order_no);

  // ---- issuing ----
  // city: as the desk names it (深圳 or 深圳市); doc: Chinese name or code.
  VerifyResult verify(const std::string& number, const std::string& city, const std::string& doc);
  // A supervisor withdraws an approval: the number verifies as revoked and the applicant gets a
  // notice with a free resubmission token (returned). Throws Refusal naming the problem.
  // Supervisors only (Refusal NotPermitted naming the role; nothing written).
  std::string revoke(const accounts::Actor& supervisor, const std::string& number, const std::string& reason);
  std::vector<OutboxMessage> undelivered_messages(int limit) override;

  // ---- overturns (store_overturn.cpp) ----
  // A supervisor turns the order's latest decision round, in one transaction: an approval becomes
  // a rejection (its number revoked, a notice with the reasons and a free resubmission token), a
  // rejection becomes an approval (a new image number and receipt; the rejection notice's token
  // stops working); one outbox message and one audit row "overturn". Refusal, nothing written:
  // not a supervisor or the supervisor's own decision (NotPermitted), unknown order, the latest
  // attempt not decided, a later attempt, a revoked approval, an overturned decision, no
  // justification, a rejection without reasons.
  OverturnResult overturn(const accounts::Actor& supervisor, const OverturnRequest& request);
  // Before a batch leaves the building: records it in the audit log in a commit that is synced to
  // disk. Decisions commit without a sync (synchronous=NORMAL), so a power cut can lose the last of
  // them; a synced commit in WAL mode also makes every earlier commit durable, so no message goes
  // out for a decision that could still be lost.
  void record_outgoing_batch(const std::vector<OutboxMessage>& batch) override;
  void mark_delivered(std::int64_t message_id) override;

  // ---- quarantine ----
  // A workstation calls analysis_started(attempt, its lease token) in a short transaction of its
  // own, committed before it decodes or analyses the attempt's photo, and analysis_finished once
  // done. Proceed: go ahead. Quarantined: the attempt has kQuarantineAfter starts that never
  // finished, so the processes analysing it died; it leaves the queue now (lease cleared, audit
  // record) and the caller drops it. NotHeld: the lease is no longer the caller's (or the attempt is
  // not pending); the caller drops it too.
  static constexpr int kQuarantineAfter = 2;
  enum class AnalysisStart { Proceed, Quarantined, NotHeld };
  AnalysisStart analysis_started(std::int64_t attempt_id, std::int64_t lease_token);
  void analysis_finished(std::int64_t attempt_id);
  // Quarantined attempts, oldest quarantine first.
  std::vector<QuarantineRow> quarantined();
  // Puts the order's quarantined attempt back in the queue at its old place (counters reset; audit
  // record by `by`). Throws Refusal naming the order when it is unknown or has no
  // quarantined attempt.
  // Supervisors only (Refusal NotPermitted naming the role; nothing written).
  QuarantineRow release_quarantined(const accounts::Actor& supervisor, const std::string& order_no);

  // ---- rule specs ----
  // Keeps each spec once (by digest); a workstation calls it when its engine has loaded.
  void keep_specs(const std::vector<KeptSpec>& specs);
  // The spec a findings record names ("doc_type:digest" or just the digest); nullopt when unknown.
  std::optional<KeptSpec> kept_spec(std::string_view spec_id);

  // ---- reading back ----
  // One JSON object per line per decided attempt (see README for the fields).
  void export_decisions(std::ostream& out);
  // How many decisions the database holds (the bench checks that every order was decided once).
  std::int64_t decision_count();
  // Everything a receipt prints for an issued image number; nullopt when the number is unknown.
  std::optional<issuing::ReceiptData> receipt_data(const std::string& image_number);

  // ---- audit ----
  // The hash-chained audit log (store_audit.cpp; the hashed form is in core/audit/chain.hpp, the
  // design in README "The audit log"). Both read in one snapshot and write nothing.
  struct AuditHead {
    std::int64_t rows = 0;  // the last row's id (0: an empty log)
    std::string head;       // its hash, to keep outside the database
  };
  struct AuditProblem {
    std::int64_t row = 0;  // the first bad audit row (0 when no row can be named)
    std::string kind;      // edited, deleted, inserted, reordered, broken link, wrong form, kept head missing, mismatch
    std::string what;      // one sentence naming the rows (and the table row and field for a mismatch)
  };
  struct AuditReport {
    std::int64_t rows = 0, legacy_rows = 0;  // rows walked; of them, rows of the old form 1
    std::string head;
    std::optional<std::int64_t> kept_head_row;                  // where the kept head was found
    std::int64_t decisions = 0, attempts = 0, revocations = 0;  // table rows checked against their audit rows
    std::int64_t overturns = 0, second_reviews = 0, accounts = 0;
    std::int64_t training = 0;            // training sets, cases, assignments and answers
    std::int64_t gold = 0;                // settings, gold cases, gold answers and pauses
    std::optional<AuditProblem> problem;  // the first; nothing when intact
    // PostgreSQL: rows committed while the walk ran and not yet chained (the audit inbox,
    // db/migrations_pg/005); checked against their tables, not counted in rows. Always 0 on SQLite.
    std::int64_t waiting_rows = 0;
  };
  AuditHead audit_head();
  // Walks the chain (each row's hash by its form, the ids, the links), then checks every decision,
  // image number, notice, attempt and order against its audit row. kept_head: "HEX" or "ROWS:HEX"
  // from an earlier audit_head(), which must still be in the chain; Refusal (BadQuery) otherwise.
  AuditReport audit_verify(const std::optional<std::string>& kept_head = std::nullopt);
  // The same for a signed-in person: a supervisor or an admin (Refusal NotPermitted otherwise).
  // The unchecked forms above serve the bench and the tests, which hold the file itself.
  AuditHead audit_head(const accounts::Actor& actor);
  AuditReport audit_verify(const accounts::Actor& actor, const std::optional<std::string>& kept_head);

  // ---- load test (store_load_fill.cpp, store_load_check.cpp) ----
  LoadTestHoldings load_test_holdings();
  // Generated orders straight into the queue in one transaction, each with its photo and its
  // intake audit row as enqueue() writes them, without enqueue's decoding and per-order commit
  // (the load test fills tens of thousands). Refusal BadManifest naming an order whose document
  // type or city is unknown or whose number exists already; nothing is written then.
  void enqueue_generated(const std::vector<NewOrder>& orders);
  LoadCheck load_check();
  // What every other connection to this database is doing right now (PostgreSQL's
  // pg_stat_activity): "CPU" when it runs, else its wait ("Lock:advisory" for the audit chain's
  // lock, "Client:ClientRead" for its workstation), " in a transaction" added while it holds one
  // open. Empty on SQLite, which has no such view. For the load test's picture of where time goes.
  std::vector<std::string> session_waits();

  Database& database();

 private:
  struct Impl;
  struct DecisionDraft;
  // Inside a write transaction: leases the first order `owner` may take, or nothing.
  // Inside the caller's write transaction; `owner` is lease_owner(reviewer, workstation).
  std::optional<Lease> take_lease(const std::string& reviewer, const std::string& owner, Millis now);
  // The steps of decide(), in order, all inside its transaction (store_decide.cpp).
  AttemptRow load_attempt_for_decision(std::int64_t attempt_id);
  static void check_decidable(const DecisionDraft& d, const std::string& owner);
  void allocate_image_number(DecisionDraft& d);
  void insert_decision(DecisionDraft& d);
  void insert_screen(std::int64_t decision_id, const ScreenRecord& screen);
  void record_image_number(DecisionDraft& d);
  void issue_failure_notice(DecisionDraft& d);
  void queue_applicant_message(DecisionDraft& d);
  void close_attempt_and_audit(DecisionDraft& d);
  void record_decision(DecisionDraft& d);
  // Inside decide's transaction, after the decision's rows are in.
  void maybe_queue_second_review(double share, std::int64_t decision_id, const std::string& reviewer,
                                 const std::string& order_no, Millis now);
  SecondReviewRow load_second_review(std::int64_t id);
  static void check_request_text(const DecisionRequest& r);
  std::optional<DecisionResult> decided_before(const DecisionRequest& r, const std::string& reviewer,
                                               const std::string& owner);
  // The steps of overturn(), all inside its transaction (store_overturn.cpp).
  struct OverturnDraft;
  void overturn_to_rejection(OverturnDraft& d);
  void overturn_to_approval(OverturnDraft& d);
  void record_overturn(OverturnDraft& d);
  // Inside create_training_set's transaction: the cases `pick` selects, with their references.
  std::vector<training::PickedCase> pick_training_cases(const TrainingPick& pick);
  // Inside the caller's transaction: a new account already checked and its password hashed
  // (store_accounts.cpp, outside the transaction), audited as added by `by`.
  void insert_user(const std::string& by, const NewUser& user, const std::string& password_hash);
  // Inside enqueue's transaction: the upload's attempt rejected by "system" (reason
  // PHOTO_UNREADABLE) with a notice, a token and one outbox message, as a reviewer's rejection.
  DecisionResult reject_unreadable_upload(std::int64_t attempt_id, const std::string& cause);
  // ---- gold cases (store_gold_delivery.cpp, store_gold_answer.cpp) ----
  // A gold delivery travels as an attempt id below zero (-delivery id): the same calls as an
  // order's (load_claim, renew_lease, release, decide, analysis_started) recognise it.
  static bool is_gold(std::int64_t attempt_id) { return attempt_id < 0; }
  // Inside take_lease's transaction, once a real order is there to hide it among: a gold case at
  // `rate` (gold_rate), or nothing.
  std::optional<Lease> maybe_deliver_gold(const std::string& reviewer, const std::string& owner, Millis now,
                                          Millis head_submitted_ms, double rate);
  // gold.rate from the setting's text as the settings table holds it (nothing: the default), or
  // StoreOptions::gold_rate when set; the same as gold_settings().rate.
  double gold_rate(const std::optional<std::string>& setting);
  Claim load_gold_claim(const Lease& lease);
  // The lease a replayed decision's or gold answer's first commit took for `owner` at `at`
  // (claim_next): a real order's or a gold case's (store_decide_replay.cpp).
  std::optional<Lease> lease_claimed_at(const std::string& owner, Millis at);
  DecisionResult answer_gold(const accounts::Actor& reviewer, const DecisionRequest& request, const std::string& owner);
  bool renew_gold(const accounts::Actor& reviewer, std::int64_t attempt_id, std::int64_t token);
  void release_gold(const accounts::Actor& reviewer, std::int64_t attempt_id, std::int64_t token);
  AnalysisStart gold_analysis_start(std::int64_t attempt_id, std::int64_t token);
  // Inside answer_gold's transaction: pauses the reviewer when the rule says so.
  void maybe_pause(const std::string& reviewer);
  // The live queue's claims and second reviews: Refusal NotCertified when `reviewer` is a trainee,
  // Paused when their gold accuracy paused them.
  void require_claimant(const accounts::Actor& reviewer, const char* what);
  friend struct training::Access;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rs::store
