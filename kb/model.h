// Domain types of the Ügykalauz knowledge base.
//
// Plain value types: they know nothing of HTTP, SQLite or Xapian. Field names follow the reference
// bundle (data/README.md) so that the mapping stays obvious. `std::nullopt` means "unknown / not
// stated by any source", as `null` does in the bundle. All types are regular (copyable, comparable),
// which the importer relies on to diff a new bundle against the stored one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ugk::kb {

using OptString = std::optional<std::string>;

struct District {
  std::string code;  // 3 digits; 001-023 are the Budapest districts
  std::string name;  // adjective form, e.g. "Hajdúnánási"
  std::string seat;
  std::string county;
  int settlement_count = 0;
  std::int64_t population = 0;
  bool operator==(const District&) const = default;
};

// KSH municipal-office code of a settlement (office_codes.csv).
enum class MunicipalOfficeCode {
  kOwnMayorsOffice = 1,    // keeps its own polgármesteri hivatal
  kJointOfficeSeat = 2,    // seat of a közös önkormányzati hivatal
  kJointOfficeMember = 5,  // member of a joint office seated elsewhere
};

struct Settlement {
  std::string ksh_code;  // 5 digits, zero-padded
  std::string name;
  std::string legal_status;
  std::string county;         // empty for Budapest as a whole
  std::string district_code;  // empty for Budapest as a whole
  bool is_district_seat = false;
  MunicipalOfficeCode office_code = MunicipalOfficeCode::kOwnMayorsOffice;
  std::string office_seat_ksh;  // joint-office seat (itself for code 2); empty for code 1
  std::int64_t area_ha = 0;
  std::int64_t population = 0;
  std::int64_t dwellings = 0;
  std::vector<std::string> nationality_self_governments;
  std::vector<std::string> postal_codes;      // Magyar Posta
  std::vector<std::string> postal_codes_hnt;  // KSH settlement parts ("*" = street-dependent)
  int settlement_parts = 0;
  std::optional<double> lat;
  std::optional<double> lon;
  bool operator==(const Settlement&) const = default;
};

enum class OfficeKind {
  kDistrictOffice,       // jarasi_hivatal
  kMayorsOffice,         // polgarmesteri_hivatal
  kJointOffice,          // kozos_onkormanyzati_hivatal
  kBranch,               // kirendeltseg (of a joint office)
  kGovernmentWindow,     // kormanyablak
  kGovernmentWindowBus,  // kormanyablakbusz
};

// Which hours a worked Saturday (áthelyezett munkanap) follows. Default: the weekday of the bridge rest
// day it makes up for (Sat 2026-01-10 works Friday's hours, as Fri 2026-01-02 is the bridge day).
enum class WorkedSaturdayRule {
  kSwappedWeekday,  // swapped_weekday: hours of the weekday of the paired bridge rest day
  kAsWritten,       // as_written: plain OSM, a Saturday is a Saturday
  kClosed,          // closed: the office does not open on worked Saturdays
};

// An office's seat address as a public register recorded it (data/README.md,
// office_addresses_pir2013.csv): shown only where the office has no address of its own, always with
// its source and date, never as verified.
struct RegisteredAddress {
  std::string postal_code;  // 4 digits
  std::string address;      // full form, "8127 Aba, Rákóczi utca 12."
  std::string source;       // which register, e.g. "pir"
  std::string as_of;        // YYYY-MM-DD: the state of the register
  OptString register_id;    // the entry's number in the register
  bool operator==(const RegisteredAddress&) const = default;
};

struct Office {
  std::string id;  // jh-099, ph-16568, koh-22406, kir-11925, ka-61, ka-j099, kab-csongrad-csanad
  OfficeKind kind = OfficeKind::kMayorsOffice;
  std::string name;
  OptString district_code;
  OptString settlement_ksh;
  OptString postal_code;
  OptString address;
  OptString phone;
  OptString email;
  OptString website;
  OptString opening_hours;  // OSM opening_hours syntax (subset, see data/README.md)
  OptString opening_hours_note;
  OptString services_note;
  std::map<std::string, OptString> provenance;
  // The seat address of a public register, for an office without an address of its own.
  std::optional<RegisteredAddress> registered_address;
  // Which hours a worked Saturday follows at this office; unset: the service default (swapped weekday).
  std::optional<WorkedSaturdayRule> worked_saturday_rule;
  // True when the office exists only by derivation from the KSH register (no detail record).
  bool derived = false;
  bool operator==(const Office&) const = default;
};

enum class Authority {
  kGovernmentWindow,  // kormanyablak: any kormányablak / járási hivatal
  kDistrictOffice,    // jarasi_hivatal: the district office of a specific district
  kNotary,            // jegyzo
  kRegistrar,         // anyakonyvvezeto
  kMayor,             // polgarmester
  kCentral,           // kozponti: a central authority named in the note
};

enum class Territory {
  kAny,
  kResidence,
  kEventPlace,
  kPropertyPlace,
  kBusinessPlace,
  kFoundPlace,
};

// Whose settlement decides which office is competent, by the person's role in the case: the bundle's
// `territory` says what kind of place it is, the role says whose (the deceased's last residence for
// the probate, not the applicant's). The route answer and the guides ask for the settlement by it.
enum class SettlementRole {
  kApplicantResidence,     // applicant_residence
  kDeceasedResidence,      // deceased_residence: the deceased's last residence
  kPropertyLocation,       // property_location: where the property (land, building, tree) is
  kBusinessSeat,           // business_seat: the seat or premises of the business
  kVehicleOwnerResidence,  // vehicle_owner_residence
  kEventPlace,             // event_place: where the birth or death happened
  kFoundPlace,             // found_place: where the object was found
};

struct Competence {
  Authority authority = Authority::kGovernmentWindow;
  Territory territory = Territory::kAny;
  // Unset: the role the territory implies (kb::settlement_role(const Competence&)).
  std::optional<SettlementRole> settlement_role;
  OptString note;
  bool operator==(const Competence&) const = default;
};

struct OnlineChannel {
  bool available = false;
  OptString where;
  bool operator==(const OnlineChannel&) const = default;
};

struct Channels {
  bool in_person = false;
  OnlineChannel online;
  bool post = false;
  bool phone = false;
  bool assistant = false;  // a client assistant (ügysegéd) may take the application
  bool operator==(const Channels&) const = default;
};

struct Fee {
  std::string label;
  std::optional<std::int64_t> amount_huf;  // 0 = free, nullopt = a fee exists, amount unknown
  OptString note;
  OptString decree;  // the (local) decree that sets the fee, e.g. "12/2024. (IV. 25.) önkormányzati rendelet"
  bool operator==(const Fee&) const = default;
};

// A procedure is national (országos ügyleírás, `office_id` unset: the same text for every office) or
// an office's local-only procedure (`office_id` set, id "<name>@<office>"; e.g. a települési támogatás
// under the municipality's own decree), which exists only for the settlements that office serves.
// A case that often follows or goes with another (a death -> the probate; a lost identity card -> its
// replacement). From data/related_procedures.tsv, which domain experts extend.
struct RelatedProcedure {
  std::string procedure_id;
  OptString note;  // why, in Hungarian ("A haláleset után a hagyatéki eljárás hivatalból indul.")
  bool operator==(const RelatedProcedure&) const = default;
};

struct Procedure {
  std::string id;
  OptString office_id;  // the owning office of a local-only procedure
  OptString code;
  std::string title;
  std::string title_en;
  std::string category;
  std::string summary;
  std::string description;
  std::vector<std::string> keywords;
  Competence competence;
  Channels channels;
  std::vector<std::string> documents;
  std::vector<std::string> forms;  // form ids
  std::vector<Fee> fees;
  OptString deadline;
  OptString processing_time;
  std::vector<std::string> legal_basis;
  std::vector<std::string> sources;
  OptString as_of;
  OptString as_of_basis;
  std::string certainty;
  OptString certainty_note;
  std::vector<RelatedProcedure> related;
  bool operator==(const Procedure&) const = default;
};

struct Form {
  std::string id;
  std::string title;
  OptString code;
  std::string issuer;
  std::string format;  // paper, pdf, online, anyk
  OptString url;
  std::vector<std::string> procedures;
  OptString note;
  bool operator==(const Form&) const = default;
};

struct Visit {
  std::string id;
  std::string office_id;
  std::string settlement_ksh;
  OptString place;
  std::string schedule;  // OSM opening_hours syntax
  OptString note;
  OptString provenance;
  bool operator==(const Visit&) const = default;
};

enum class DayType {
  kPublicHoliday,    // munkaszuneti_nap
  kBridgeRestDay,    // athelyezett_pihenonap
  kWorkingSaturday,  // athelyezett_munkanap
};

struct CalendarDay {
  std::string date;  // YYYY-MM-DD
  std::string weekday;
  DayType type = DayType::kPublicHoliday;
  std::string name_hu;
  std::string name_en;
  std::string source_or_basis;
  std::string certainty;
  bool operator==(const CalendarDay&) const = default;
};

struct ClosureException {
  std::vector<std::string> dates;
  OptString opening_hours;
  OptString offices_hu;
  std::vector<std::string> office_ids;
  std::vector<std::string> services_hu;
  bool operator==(const ClosureException&) const = default;
};

struct Closure {
  std::string id;
  std::string name_hu;
  std::string from;  // first closed day, inclusive
  std::string to;    // last closed day, inclusive
  OptString reopens;
  std::vector<std::string> applies_to;  // office kind names
  std::vector<ClosureException> exceptions;
  OptString exceptions_note;
  OptString source;
  bool operator==(const Closure&) const = default;
};

// Who handles a case at an office: the clerk's name, room and direct line.
struct ContactPoint {
  OptString name;
  OptString room;
  OptString phone;
  OptString email;
  bool operator==(const ContactPoint&) const = default;
};

// One form of a local variant: either a national form by id (`form_id`) or the office's own form
// (`title`, `format`, optionally `url`).
struct VariantForm {
  OptString form_id;
  OptString title;
  OptString format;  // paper, pdf, online, anyk
  OptString url;
  bool operator==(const VariantForm&) const = default;
};

// An office's local variant of a national procedure (helyi ügyleírás). Every field that is set
// replaces the national one when the case is handled by this office; unset fields are inherited, so
// a variant follows the national text except where the office deliberately says otherwise. Additive
// fields (`extra_documents`, `local_legal_basis`, `note`, `contact`) have no national counterpart.
struct LocalVariant {
  std::string id;  // "<procedure_id>@<office_id>"
  std::string procedure_id;
  std::string office_id;
  OptString title;
  OptString summary;
  OptString description;
  std::optional<std::vector<std::string>> documents;
  std::optional<std::vector<Fee>> fees;
  std::optional<std::vector<VariantForm>> forms;
  OptString deadline;
  OptString processing_time;
  OptString online_url;  // the office's own online channel (e.g. its e-önkormányzat page)
  std::vector<std::string> extra_documents;
  std::vector<std::string> local_legal_basis;  // local decrees, cited as by the office
  OptString note;                              // e.g. appointment rules, local reception hours for this case
  std::optional<ContactPoint> contact;
  OptString provenance;  // where the office's text comes from (a URL, a decree, or "illustrative")
  bool operator==(const LocalVariant&) const = default;
};

// --- Case guides (programmed case descriptions, kb/guide.h evaluates them) ------------------------

enum class QuestionKind { kYesNo, kOneOf, kSeveralOf, kDate, kNumber, kSettlement };

struct GuideOption {
  std::string value;  // what travels in the URL and what conditions compare with
  std::string label;  // what the person reads
  bool operator==(const GuideOption&) const = default;
};

// Go to `next` when the condition (kb/guide.h's expression language) holds.
struct GuideBranch {
  std::string when;
  std::string next;
  bool operator==(const GuideBranch&) const = default;
};

struct GuideQuestion {
  std::string id;  // also the URL parameter carrying its answer
  QuestionKind kind = QuestionKind::kYesNo;
  std::string text;
  OptString help;
  std::vector<GuideOption> options;    // one_of, several_of
  std::optional<SettlementRole> role;  // settlement: whose settlement is asked for
  std::optional<std::int64_t> min;     // number
  std::optional<std::int64_t> max;     // number
  std::vector<GuideBranch> branches;   // first that holds wins
  std::string otherwise;               // the next node when no branch holds
  bool operator==(const GuideQuestion&) const = default;
};

// A line of an outcome that holds only under a condition. For documents and fees `text` names one of
// the procedure's own documents (exact text) or fees (label), so that a guide selects among sourced
// facts and never states new ones; for notes it is the guide's own remark.
struct GuideConditional {
  std::string text;
  OptString when;  // unset: always
  bool operator==(const GuideConditional&) const = default;
};

// One procedure of an outcome: the case the person has to start, handled by the office the routing
// finds for the settlement the guide asked for.
struct GuideStep {
  std::string procedure_id;
  OptString when;                           // unset: always part of the outcome
  OptString settlement;                     // the settlement question locating the office
  std::vector<GuideConditional> documents;  // conditions on the procedure's documents; others always apply
  std::vector<GuideConditional> fees;       // conditions on its fees, by label; others always apply
  OptString note;
  bool operator==(const GuideStep&) const = default;
};

struct GuideOutcome {
  std::string id;
  std::string title;
  OptString summary;
  std::vector<GuideStep> steps;
  std::vector<GuideConditional> notes;
  bool operator==(const GuideOutcome&) const = default;
};

struct Guide {
  std::string id;
  std::string title;
  std::string summary;
  std::vector<std::string> keywords;  // life-event words that make search offer the guide
  std::string start;                  // the first node: a question or an outcome
  std::vector<GuideQuestion> questions;
  std::vector<GuideOutcome> outcomes;
  std::vector<std::string> sources;
  OptString as_of;
  bool operator==(const Guide&) const = default;
};

// Search tuning by editors (national; admins edit them). Both take effect on the next search.
//
// A synonym: an everyday phrase people search with, and the official words of the case it stands for
// ("vendégház" -> "szálláshely"); a query containing the phrase also finds documents with every word
// of one of the terms (search/synonyms.h, after the built-in list).
struct SearchSynonym {
  std::string id;
  std::string phrase;
  std::vector<std::string> terms;
  OptString note;
  bool operator==(const SearchSynonym&) const = default;
};

// A best bet: for this query (compared normalised: case, accents and spacing ignored) these
// procedures come first, in this order, before every other hit.
struct BestBet {
  std::string id;
  std::string query;
  std::vector<std::string> procedures;
  OptString note;
  bool operator==(const BestBet&) const = default;
};

// The whole content of the knowledge base: what a bundle import produces and what the store holds.
struct Bundle {
  std::vector<District> districts;
  std::vector<Settlement> settlements;
  std::vector<Office> offices;
  std::vector<Procedure> procedures;        // national
  std::vector<Procedure> local_procedures;  // local-only, each with its owning office
  std::vector<LocalVariant> variants;
  std::vector<Form> forms;
  std::vector<Visit> visits;
  std::vector<CalendarDay> calendar_days;
  std::vector<Closure> closures;
  std::vector<Guide> guides;
  std::vector<SearchSynonym> search_synonyms;
  std::vector<BestBet> best_bets;
  bool operator==(const Bundle&) const = default;
};

}  // namespace ugk::kb
