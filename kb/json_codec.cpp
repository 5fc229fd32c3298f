#include "kb/json_codec.h"

#include <initializer_list>
#include <set>
#include <string_view>
#include <type_traits>

#include "kb/enums.h"

namespace ugk::kb {
namespace {

using nlohmann::json;

using Errors = std::vector<FieldError>;

// Bounds of what one record may hold, so that no request or bundle can make a record (or an error
// message about it) arbitrarily large. Text limits are in bytes, by field name; lists by item count.
constexpr std::size_t kDefaultMaxText = 1000;
constexpr std::size_t kMaxListItems = 200;
constexpr std::size_t kMaxMapEntries = 20;

std::size_t max_text_bytes(std::string_view key) {
  static constexpr std::pair<std::string_view, std::size_t> kLimits[] = {
      {"description", 20000},
      {"summary", 4000},
      {"note", 4000},
      {"services_note", 4000},
      {"opening_hours_note", 4000},
      {"certainty_note", 4000},
      {"exceptions_note", 4000},
      {"opening_hours", 2000},
      {"schedule", 2000},
      {"url", 2048},
      {"website", 2048},
      {"online_url", 2048},
      {"sources", 2048},
      {"where", 2048},
      {"source", 2048},
      {"source_or_basis", 2048},
      {"legal_basis", 2000},
      {"local_legal_basis", 2000},
      {"documents", 2000},
      {"extra_documents", 2000},
      {"services_hu", 2000},
      {"offices_hu", 2000},
  };
  for (const auto& [name, limit] : kLimits) {
    if (name == key) return limit;
  }
  return kDefaultMaxText;
}

// Text a person can read: bounded, and no control characters but tab and line breaks (a NUL or an
// escape sequence in a name would reach logs, headers and other people's screens). The JSON parser
// has already rejected invalid UTF-8.
std::optional<std::string> text_problem(std::string_view key, const std::string& text) {
  const std::size_t limit = max_text_bytes(key);
  if (text.size() > limit) {
    return "túl hosszú szöveg, legfeljebb " + std::to_string(limit) + " bájt (text too long, at most " +
           std::to_string(limit) + " bytes)";
  }
  for (const unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      return "vezérlőkaraktert tartalmaz (contains a control character)";
    }
  }
  return std::nullopt;
}

const json& null_json() {
  static const json kNull;
  return kNull;
}

// Reads one object field by field, so that every failure names its field. Failures are collected in
// `errors` (shared by nested readers) rather than thrown, so one pass reports every invalid field;
// `finish()` adds fields the model does not know (a typo must not be dropped silently).
class ObjectReader {
 public:
  ObjectReader(const json& j, std::string path, Errors& errors) : j_(j), path_(std::move(path)), errors_(errors) {
    if (!j_.is_object()) {
      // A missing nested object was already reported by its parent as a missing field.
      if (&j_ != &null_json()) fail_at(path_.empty() ? "$" : path_, "objektum szükséges (expected an object)");
      valid_ = false;
    }
  }

  template <typename T>
  void required(const char* key, T& out) {
    if (!valid_) return;
    auto it = j_.find(key);
    seen_.insert(key);
    if (it == j_.end()) return fail(key, "hiányzó mező (missing field)");
    convert(key, *it, out);
  }

  // Optional fields may be absent or null.
  template <typename T>
  void optional(const char* key, T& out) {
    if (!valid_) return;
    auto it = j_.find(key);
    seen_.insert(key);
    if (it == j_.end() || it->is_null()) return;
    convert(key, *it, out);
  }

  template <typename E>
  void required_enum(const char* key, E& out, std::optional<E> (*parse)(std::string_view)) {
    if (!valid_) return;
    auto it = j_.find(key);
    seen_.insert(key);
    if (it == j_.end()) return fail(key, "hiányzó mező (missing field)");
    if (!it->is_string()) return fail(key, std::string("hibás típus (wrong type): ") + it->type_name());
    auto value = parse(it->get<std::string>());
    if (!value) return fail(key, "ismeretlen érték (unknown value): " + it->get<std::string>());
    out = *value;
  }

  // The field's value, or null when absent.
  const json& raw_or_null(const char* key) {
    if (!valid_) return null_json();
    seen_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? null_json() : *it;
  }

  // A required array field; null (after recording the error) when absent, not an array or too long.
  const json& array(const char* key) {
    const json& value = raw_or_null(key);
    if (!valid_) return null_json();
    if (value.is_null() && !j_.contains(key)) {
      fail(key, "hiányzó mező (missing field)");
      return null_json();
    }
    return checked_array(key, value);
  }

  // An optional array field: null when absent or null.
  const json& optional_array(const char* key) {
    const json& value = raw_or_null(key);
    if (!valid_ || value.is_null()) return null_json();
    return checked_array(key, value);
  }

  // A required object field, read by a nested reader.
  const json& object(const char* key) {
    if (!valid_) return null_json();
    seen_.insert(key);
    auto it = j_.find(key);
    if (it == j_.end()) {
      fail(key, "hiányzó mező (missing field)");
      return null_json();
    }
    return *it;
  }

  bool valid() const { return valid_; }
  Errors& errors() { return errors_; }

  std::string field(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  void fail(std::string_view key, const std::string& message) { fail_at(field(key), message); }

  // An array of at most kMaxListItems entries, else null after recording the error.
  const json& checked_array(const char* key, const json& value) {
    if (!value.is_array()) {
      fail(key, "tömb szükséges (expected an array)");
      return null_json();
    }
    if (value.size() > kMaxListItems) {
      fail(key, "túl sok elem, legfeljebb " + std::to_string(kMaxListItems) + " (too many items, at most " +
                    std::to_string(kMaxListItems) + ")");
      return null_json();
    }
    return value;
  }

  void finish() {
    if (!valid_) return;
    for (const auto& [key, _] : j_.items()) {
      if (!seen_.contains(key)) fail(key, "ismeretlen mező (unknown field)");
    }
  }

 private:
  void fail_at(const std::string& path, const std::string& message) { errors_.emplace_back(path, message); }

  template <typename T>
  void convert(const char* key, const json& value, T& out) {
    try {
      check_and_convert(key, value, out);
    } catch (const FieldError& e) {
      errors_.push_back(e);
    }
  }

  template <typename T>
  void check_and_convert(const char* key, const json& value, T& out) {
    // Messages name the type, never the value: a value may be huge or nested 100,000 levels deep.
    const auto wrong_type = [&] {
      return FieldError(field(key), std::string("hibás típus (wrong type): ") + value.type_name());
    };
    // nlohmann converts 1.5 or true to an integer silently; a fee of "1.5" forints is a data error.
    if constexpr (std::is_same_v<T, bool>) {
      if (!value.is_boolean()) throw wrong_type();
    } else if constexpr (std::is_integral_v<T> || std::is_same_v<T, std::optional<std::int64_t>>) {
      if (!value.is_number_integer()) {
        throw FieldError(field(key), std::string("egész szám szükséges (expected an integer): ") + value.type_name());
      }
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, OptString>) {
      if constexpr (std::is_same_v<T, OptString>) {
        if (value.is_null()) {
          out.reset();
          return;
        }
      }
      if (!value.is_string()) throw wrong_type();
      if (auto problem = text_problem(key, value.template get_ref<const std::string&>()))
        throw FieldError(field(key), *problem);
    } else if constexpr (std::is_same_v<T, std::vector<std::string>> ||
                         std::is_same_v<T, std::optional<std::vector<std::string>>>) {
      if constexpr (std::is_same_v<T, std::optional<std::vector<std::string>>>) {
        if (value.is_null()) {
          out.reset();
          return;
        }
      }
      if (!value.is_array()) throw FieldError(field(key), "tömb szükséges (expected an array)");
      if (value.size() > kMaxListItems) {
        throw FieldError(field(key), "túl sok elem, legfeljebb " + std::to_string(kMaxListItems) +
                                         " (too many items, at most " + std::to_string(kMaxListItems) + ")");
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string item = field(key) + "[" + std::to_string(i) + "]";
        if (!value[i].is_string())
          throw FieldError(item, std::string("hibás típus (wrong type): ") + value[i].type_name());
        if (auto problem = text_problem(key, value[i].template get_ref<const std::string&>()))
          throw FieldError(item, *problem);
      }
    } else if constexpr (std::is_same_v<T, std::map<std::string, OptString>>) {
      if (!value.is_object()) throw FieldError(field(key), "objektum szükséges (expected an object)");
      if (value.size() > kMaxMapEntries) {
        throw FieldError(field(key), "túl sok elem, legfeljebb " + std::to_string(kMaxMapEntries) +
                                         " (too many entries, at most " + std::to_string(kMaxMapEntries) + ")");
      }
      for (const auto& [name, entry] : value.items()) {
        const std::string item = field(key) + "." + name;
        if (auto problem = text_problem("name", name)) throw FieldError(field(key), *problem);
        if (!entry.is_null() && !entry.is_string())
          throw FieldError(item, std::string("hibás típus (wrong type): ") + entry.type_name());
        if (entry.is_string()) {
          if (auto problem = text_problem(key, entry.template get_ref<const std::string&>()))
            throw FieldError(item, *problem);
        }
      }
    }
    try {
      out = value.get<T>();
    } catch (const json::exception&) {
      throw wrong_type();
    }
  }

  const json& j_;
  std::string path_;
  Errors& errors_;
  bool valid_ = true;
  std::set<std::string, std::less<>> seen_;
};

void raise_if_any(Errors& errors) {
  if (!errors.empty()) throw FieldErrors(std::move(errors));
}

std::string indexed(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

Fee read_fee(const json& j, const std::string& path, Errors& errors) {
  ObjectReader f(j, path, errors);
  Fee fee;
  f.required("label", fee.label);
  f.optional("amount_huf", fee.amount_huf);
  if (fee.amount_huf && *fee.amount_huf < 0) f.fail("amount_huf", "negatív összeg (negative amount)");
  f.optional("note", fee.note);
  f.optional("decree", fee.decree);
  f.finish();
  return fee;
}

std::vector<Fee> read_fees(const json& fees, const std::string& path, Errors& errors) {
  std::vector<Fee> out;
  for (std::size_t i = 0; i < fees.size(); ++i) out.push_back(read_fee(fees[i], indexed(path, i), errors));
  return out;
}

}  // namespace

// --- District -------------------------------------------------------------------------------------

void to_json(json& j, const District& v) {
  j = json{{"code", v.code},
           {"name", v.name},
           {"seat", v.seat},
           {"county", v.county},
           {"settlements", v.settlement_count},
           {"population", v.population}};
}

void from_json(const json& j, District& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("code", v.code);
  r.required("name", v.name);
  r.required("seat", v.seat);
  r.required("county", v.county);
  r.required("settlements", v.settlement_count);
  r.required("population", v.population);
  r.finish();
  raise_if_any(errors);
}

// --- Settlement -----------------------------------------------------------------------------------

void to_json(json& j, const Settlement& v) {
  j = json{{"ksh_code", v.ksh_code},
           {"name", v.name},
           {"legal_status", v.legal_status},
           {"county", v.county},
           {"district_code", v.district_code},
           {"is_district_seat", v.is_district_seat},
           {"office_code", static_cast<int>(v.office_code)},
           {"office_seat_ksh", v.office_seat_ksh},
           {"area_ha", v.area_ha},
           {"population", v.population},
           {"dwellings", v.dwellings},
           {"nationality_self_governments", v.nationality_self_governments},
           {"postal_codes", v.postal_codes},
           {"postal_codes_hnt", v.postal_codes_hnt},
           {"settlement_parts", v.settlement_parts},
           {"lat", v.lat},
           {"lon", v.lon}};
}

void from_json(const json& j, Settlement& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("ksh_code", v.ksh_code);
  r.required("name", v.name);
  r.required("legal_status", v.legal_status);
  r.required("county", v.county);
  r.required("district_code", v.district_code);
  r.required("is_district_seat", v.is_district_seat);
  int code = 0;
  r.required("office_code", code);
  if (code != 1 && code != 2 && code != 5) {
    r.fail("office_code", "ismeretlen hivatali kód (unknown office code): " + std::to_string(code));
  }
  v.office_code = static_cast<MunicipalOfficeCode>(code);
  r.required("office_seat_ksh", v.office_seat_ksh);
  r.required("area_ha", v.area_ha);
  r.required("population", v.population);
  r.required("dwellings", v.dwellings);
  r.required("nationality_self_governments", v.nationality_self_governments);
  r.required("postal_codes", v.postal_codes);
  r.required("postal_codes_hnt", v.postal_codes_hnt);
  r.required("settlement_parts", v.settlement_parts);
  r.optional("lat", v.lat);
  r.optional("lon", v.lon);
  r.finish();
  raise_if_any(errors);
}

// --- Office ---------------------------------------------------------------------------------------

void to_json(json& j, const Office& v) {
  j = json{{"id", v.id},
           {"kind", to_string(v.kind)},
           {"name", v.name},
           {"district_code", v.district_code},
           {"settlement_ksh", v.settlement_ksh},
           {"postal_code", v.postal_code},
           {"address", v.address},
           {"phone", v.phone},
           {"email", v.email},
           {"website", v.website},
           {"opening_hours", v.opening_hours},
           {"opening_hours_note", v.opening_hours_note},
           {"services_note", v.services_note},
           {"provenance", v.provenance}};
  if (v.worked_saturday_rule) j["worked_saturday_rule"] = to_string(*v.worked_saturday_rule);
  if (v.derived) j["derived"] = true;
  // Only when set, so that the documents of offices without one stay as they were.
  if (const auto& a = v.registered_address) {
    j["registered_address"] = {{"postal_code", a->postal_code},
                               {"address", a->address},
                               {"source", a->source},
                               {"as_of", a->as_of},
                               {"register_id", a->register_id}};
  }
}

void from_json(const json& j, Office& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required_enum("kind", v.kind, parse_office_kind);
  r.required("name", v.name);
  r.required("district_code", v.district_code);
  r.required("settlement_ksh", v.settlement_ksh);
  r.optional("postal_code", v.postal_code);
  r.optional("address", v.address);
  r.optional("phone", v.phone);
  r.optional("email", v.email);
  r.optional("website", v.website);
  r.optional("opening_hours", v.opening_hours);
  r.optional("opening_hours_note", v.opening_hours_note);
  r.optional("services_note", v.services_note);
  r.optional("provenance", v.provenance);
  if (const json& rule = r.raw_or_null("worked_saturday_rule"); !rule.is_null()) {
    WorkedSaturdayRule parsed{};
    r.required_enum("worked_saturday_rule", parsed, parse_worked_saturday_rule);
    if (rule.is_string() && parse_worked_saturday_rule(rule.get<std::string>())) v.worked_saturday_rule = parsed;
  }
  r.optional("derived", v.derived);
  v.registered_address.reset();
  if (const json& registered = r.raw_or_null("registered_address"); !registered.is_null()) {
    ObjectReader a(registered, "registered_address", errors);
    RegisteredAddress address;
    a.required("postal_code", address.postal_code);
    a.required("address", address.address);
    a.required("source", address.source);
    a.required("as_of", address.as_of);
    a.optional("register_id", address.register_id);
    a.finish();
    v.registered_address = std::move(address);
  }
  r.finish();
  raise_if_any(errors);
}

// --- Procedure ------------------------------------------------------------------------------------

void to_json(json& j, const Fee& v) {
  j = json{{"label", v.label}, {"amount_huf", v.amount_huf}, {"note", v.note}};
  // Only when set, so that documents of fees without a decree stay as they were.
  if (v.decree) j["decree"] = *v.decree;
}

void to_json(json& j, const Procedure& v) {
  j = json{{"id", v.id},
           {"code", v.code},
           {"title", v.title},
           {"title_en", v.title_en},
           {"category", v.category},
           {"summary", v.summary},
           {"description", v.description},
           {"keywords", v.keywords},
           {"competence",
            {{"authority", to_string(v.competence.authority)},
             {"territory", to_string(v.competence.territory)},
             {"note", v.competence.note}}},
           {"channels",
            {{"in_person", v.channels.in_person},
             {"online", {{"available", v.channels.online.available}, {"where", v.channels.online.where}}},
             {"post", v.channels.post},
             {"phone", v.channels.phone},
             {"assistant", v.channels.assistant}}},
           {"documents", v.documents},
           {"forms", v.forms},
           {"fees", v.fees},
           {"deadline", v.deadline},
           {"processing_time", v.processing_time},
           {"legal_basis", v.legal_basis},
           {"sources", v.sources},
           {"as_of", v.as_of},
           {"as_of_basis", v.as_of_basis},
           {"certainty", v.certainty},
           {"certainty_note", v.certainty_note}};
  if (v.office_id) j["office_id"] = *v.office_id;
  // Only when stated, so that procedures whose territory implies the role stay as the bundle has them.
  if (v.competence.settlement_role) j["competence"]["settlement_role"] = to_string(*v.competence.settlement_role);
  // Only when there are some, so that documents of procedures without related cases stay as they were.
  if (!v.related.empty()) {
    json related = json::array();
    for (const RelatedProcedure& r : v.related) related.push_back({{"procedure_id", r.procedure_id}, {"note", r.note}});
    j["related"] = related;
  }
}

void from_json(const json& j, Procedure& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.optional("office_id", v.office_id);
  r.optional("code", v.code);
  r.required("title", v.title);
  r.required("title_en", v.title_en);
  r.required("category", v.category);
  r.required("summary", v.summary);
  r.required("description", v.description);
  r.required("keywords", v.keywords);
  {
    ObjectReader c(r.object("competence"), "competence", errors);
    c.required_enum("authority", v.competence.authority, parse_authority);
    c.required_enum("territory", v.competence.territory, parse_territory);
    v.competence.settlement_role.reset();
    if (!c.raw_or_null("settlement_role").is_null()) {
      SettlementRole role{};
      c.required_enum("settlement_role", role, parse_settlement_role);
      if (c.raw_or_null("settlement_role").is_string() &&
          parse_settlement_role(c.raw_or_null("settlement_role").get<std::string>()))
        v.competence.settlement_role = role;
    }
    c.optional("note", v.competence.note);
    c.finish();
  }
  {
    ObjectReader c(r.object("channels"), "channels", errors);
    c.required("in_person", v.channels.in_person);
    c.required("post", v.channels.post);
    c.required("phone", v.channels.phone);
    c.required("assistant", v.channels.assistant);
    ObjectReader o(c.object("online"), "channels.online", errors);
    o.required("available", v.channels.online.available);
    o.optional("where", v.channels.online.where);
    o.finish();
    c.finish();
  }
  r.required("documents", v.documents);
  r.required("forms", v.forms);
  v.fees = read_fees(r.array("fees"), "fees", errors);
  r.optional("deadline", v.deadline);
  r.optional("processing_time", v.processing_time);
  r.required("legal_basis", v.legal_basis);
  r.required("sources", v.sources);
  r.optional("as_of", v.as_of);
  r.optional("as_of_basis", v.as_of_basis);
  r.required("certainty", v.certainty);
  r.optional("certainty_note", v.certainty_note);
  v.related.clear();
  if (const json& related = r.optional_array("related"); related.is_array()) {
    for (std::size_t i = 0; i < related.size(); ++i) {
      ObjectReader item(related[i], indexed("related", i), errors);
      RelatedProcedure entry;
      item.required("procedure_id", entry.procedure_id);
      item.optional("note", entry.note);
      item.finish();
      v.related.push_back(std::move(entry));
    }
  }
  r.finish();
  raise_if_any(errors);
}

// --- Form -----------------------------------------------------------------------------------------

void to_json(json& j, const Form& v) {
  j = json{{"id", v.id},   {"title", v.title},           {"code", v.code}, {"issuer", v.issuer}, {"format", v.format},
           {"url", v.url}, {"procedures", v.procedures}, {"note", v.note}};
}

void from_json(const json& j, Form& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("title", v.title);
  r.optional("code", v.code);
  r.required("issuer", v.issuer);
  r.required("format", v.format);
  r.optional("url", v.url);
  r.required("procedures", v.procedures);
  r.optional("note", v.note);
  r.finish();
  raise_if_any(errors);
}

// --- Visit ----------------------------------------------------------------------------------------

void to_json(json& j, const Visit& v) {
  j = json{{"id", v.id},
           {"office_id", v.office_id},
           {"settlement_ksh", v.settlement_ksh},
           {"place", v.place},
           {"schedule", v.schedule},
           {"note", v.note},
           {"provenance", v.provenance}};
}

void from_json(const json& j, Visit& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("office_id", v.office_id);
  r.required("settlement_ksh", v.settlement_ksh);
  r.optional("place", v.place);
  r.required("schedule", v.schedule);
  r.optional("note", v.note);
  r.optional("provenance", v.provenance);
  r.finish();
  raise_if_any(errors);
}

// --- Calendar -------------------------------------------------------------------------------------

void to_json(json& j, const CalendarDay& v) {
  j = json{{"date", v.date},          {"weekday", v.weekday}, {"type", to_string(v.type)},
           {"name_hu", v.name_hu},    {"name_en", v.name_en}, {"source_or_basis", v.source_or_basis},
           {"certainty", v.certainty}};
}

void from_json(const json& j, CalendarDay& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("date", v.date);
  r.required("weekday", v.weekday);
  r.required_enum("type", v.type, parse_day_type);
  r.required("name_hu", v.name_hu);
  r.required("name_en", v.name_en);
  r.required("source_or_basis", v.source_or_basis);
  r.required("certainty", v.certainty);
  r.finish();
  raise_if_any(errors);
}

void to_json(json& j, const Closure& v) {
  json exceptions = json::array();
  for (const auto& e : v.exceptions) {
    exceptions.push_back({{"dates", e.dates},
                          {"opening_hours", e.opening_hours},
                          {"offices_hu", e.offices_hu},
                          {"office_ids", e.office_ids},
                          {"services_hu", e.services_hu}});
  }
  j = json{{"id", v.id},
           {"name_hu", v.name_hu},
           {"from", v.from},
           {"to", v.to},
           {"reopens", v.reopens},
           {"applies_to", v.applies_to},
           {"exceptions", exceptions},
           {"exceptions_note", v.exceptions_note},
           {"source", v.source}};
}

void from_json(const json& j, Closure& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("name_hu", v.name_hu);
  r.required("from", v.from);
  r.required("to", v.to);
  r.optional("reopens", v.reopens);
  r.required("applies_to", v.applies_to);
  const json& exceptions = r.array("exceptions");
  v.exceptions.clear();
  for (std::size_t i = 0; i < exceptions.size(); ++i) {
    ObjectReader e(exceptions[i], indexed("exceptions", i), errors);
    ClosureException ex;
    e.required("dates", ex.dates);
    e.optional("opening_hours", ex.opening_hours);
    e.optional("offices_hu", ex.offices_hu);
    e.optional("office_ids", ex.office_ids);
    e.optional("services_hu", ex.services_hu);
    e.finish();
    v.exceptions.push_back(std::move(ex));
  }
  r.optional("exceptions_note", v.exceptions_note);
  r.optional("source", v.source);
  r.finish();
  raise_if_any(errors);
}

// --- Search tuning -------------------------------------------------------------------------------

void to_json(json& j, const SearchSynonym& v) {
  j = json{{"id", v.id}, {"phrase", v.phrase}, {"terms", v.terms}, {"note", v.note}};
}

void from_json(const json& j, SearchSynonym& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("phrase", v.phrase);
  r.required("terms", v.terms);
  r.optional("note", v.note);
  r.finish();
  raise_if_any(errors);
}

void to_json(json& j, const BestBet& v) {
  j = json{{"id", v.id}, {"query", v.query}, {"procedures", v.procedures}, {"note", v.note}};
}

void from_json(const json& j, BestBet& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("query", v.query);
  r.required("procedures", v.procedures);
  r.optional("note", v.note);
  r.finish();
  raise_if_any(errors);
}

// --- Local variant --------------------------------------------------------------------------------

namespace {

json contact_json(const ContactPoint& c) {
  return json{{"name", c.name}, {"room", c.room}, {"phone", c.phone}, {"email", c.email}};
}

json variant_form_json(const VariantForm& f) {
  if (f.form_id) return json{{"form_id", *f.form_id}};
  return json{{"title", f.title}, {"format", f.format}, {"url", f.url}};
}

}  // namespace

void to_json(json& j, const LocalVariant& v) {
  j = json{{"id", v.id},
           {"procedure_id", v.procedure_id},
           {"office_id", v.office_id},
           {"extra_documents", v.extra_documents},
           {"local_legal_basis", v.local_legal_basis}};
  // Unset fields are inherited from the national text: they are left out rather than written as
  // null, so that a document says exactly what the office overrides.
  const auto put = [&](const char* key, const auto& value) {
    if (value) j[key] = *value;
  };
  put("title", v.title);
  put("summary", v.summary);
  put("description", v.description);
  put("documents", v.documents);
  put("fees", v.fees);
  if (v.forms) {
    json forms = json::array();
    for (const auto& f : *v.forms) forms.push_back(variant_form_json(f));
    j["forms"] = forms;
  }
  put("deadline", v.deadline);
  put("processing_time", v.processing_time);
  put("online_url", v.online_url);
  put("note", v.note);
  if (v.contact) j["contact"] = contact_json(*v.contact);
  put("provenance", v.provenance);
}

void from_json(const json& j, LocalVariant& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("procedure_id", v.procedure_id);
  r.required("office_id", v.office_id);
  r.optional("title", v.title);
  r.optional("summary", v.summary);
  r.optional("description", v.description);
  r.optional("documents", v.documents);
  v.fees.reset();
  if (const json& fees = r.optional_array("fees"); fees.is_array()) v.fees = read_fees(fees, "fees", errors);
  v.forms.reset();
  if (const json& forms = r.optional_array("forms"); forms.is_array()) {
    v.forms.emplace();
    for (std::size_t i = 0; i < forms.size(); ++i) {
      ObjectReader f(forms[i], indexed("forms", i), errors);
      VariantForm form;
      f.optional("form_id", form.form_id);
      f.optional("title", form.title);
      f.optional("format", form.format);
      f.optional("url", form.url);
      if (f.valid() && !form.form_id && !(form.title && form.format)) {
        f.fail("form_id",
               "országos űrlap azonosítója vagy saját űrlap címe és formátuma szükséges (a national form_id, "
               "or the title and format of the office's own form)");
      }
      if (f.valid() && form.form_id && (form.title || form.format || form.url)) {
        f.fail("form_id", "országos űrlapnál csak az azonosító adható meg (a national form is named by form_id only)");
      }
      f.finish();
      v.forms->push_back(std::move(form));
    }
  }
  r.optional("deadline", v.deadline);
  r.optional("processing_time", v.processing_time);
  r.optional("online_url", v.online_url);
  r.optional("extra_documents", v.extra_documents);
  r.optional("local_legal_basis", v.local_legal_basis);
  r.optional("note", v.note);
  v.contact.reset();
  if (const json& contact = r.raw_or_null("contact"); !contact.is_null()) {
    ObjectReader c(contact, "contact", errors);
    ContactPoint point;
    c.optional("name", point.name);
    c.optional("room", point.room);
    c.optional("phone", point.phone);
    c.optional("email", point.email);
    c.finish();
    v.contact = std::move(point);
  }
  r.optional("provenance", v.provenance);
  r.finish();
  raise_if_any(errors);
}

}  // namespace ugk::kb

namespace ugk::kb {

nlohmann::json parse_bounded_json(std::string_view text, int max_depth) {
  // One pass over the text, outside strings, counting open brackets: cheaper than any callback and
  // it refuses the input before the parser builds a single deep value.
  int depth = 0;
  scan_json_structure(text, [&](char c, std::size_t) {
    if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        throw JsonTooDeep("a JSON legfeljebb " + std::to_string(max_depth) +
                          " szint mélyen ágyazhat (JSON nested deeper than " + std::to_string(max_depth) + " levels)");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  });
  return nlohmann::json::parse(text.begin(), text.end());
}

// --- Case guide ----------------------------------------------------------------------------------

namespace {

json conditionals_json(const std::vector<GuideConditional>& items) {
  json out = json::array();
  for (const auto& c : items) out.push_back({{"text", c.text}, {"when", c.when}});
  return out;
}

std::vector<GuideConditional> read_conditionals(const json& items, const std::string& path, Errors& errors) {
  std::vector<GuideConditional> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    ObjectReader c(items[i], indexed(path, i), errors);
    GuideConditional item;
    c.required("text", item.text);
    c.optional("when", item.when);
    c.finish();
    out.push_back(std::move(item));
  }
  return out;
}

// An optional enum field: absent or null leaves `out` unset.
template <typename E>
void optional_enum(ObjectReader& r, const char* key, std::optional<E>& out,
                   std::optional<E> (*parse)(std::string_view)) {
  out.reset();
  const json& raw = r.raw_or_null(key);
  if (raw.is_null()) return;
  E value{};
  r.required_enum(key, value, parse);
  if (raw.is_string() && parse(raw.get<std::string>())) out = value;
}

}  // namespace

void to_json(json& j, const Guide& v) {
  json questions = json::array();
  for (const auto& q : v.questions) {
    json options = json::array();
    for (const auto& o : q.options) options.push_back({{"value", o.value}, {"label", o.label}});
    json branches = json::array();
    for (const auto& b : q.branches) branches.push_back({{"when", b.when}, {"next", b.next}});
    json question{{"id", q.id}, {"kind", to_string(q.kind)}, {"text", q.text}, {"help", q.help}};
    if (!q.options.empty()) question["options"] = options;
    if (q.role) question["role"] = to_string(*q.role);
    if (q.min) question["min"] = *q.min;
    if (q.max) question["max"] = *q.max;
    question["branches"] = branches;
    question["otherwise"] = q.otherwise;
    questions.push_back(std::move(question));
  }
  json outcomes = json::array();
  for (const auto& o : v.outcomes) {
    json steps = json::array();
    for (const auto& s : o.steps) {
      steps.push_back({{"procedure_id", s.procedure_id},
                       {"when", s.when},
                       {"settlement", s.settlement},
                       {"documents", conditionals_json(s.documents)},
                       {"fees", conditionals_json(s.fees)},
                       {"note", s.note}});
    }
    outcomes.push_back({{"id", o.id},
                        {"title", o.title},
                        {"summary", o.summary},
                        {"steps", steps},
                        {"notes", conditionals_json(o.notes)}});
  }
  j = json{{"id", v.id},       {"title", v.title},       {"summary", v.summary}, {"keywords", v.keywords},
           {"start", v.start}, {"questions", questions}, {"outcomes", outcomes}, {"sources", v.sources},
           {"as_of", v.as_of}};
}

void from_json(const json& j, Guide& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("title", v.title);
  r.required("summary", v.summary);
  r.required("keywords", v.keywords);
  r.required("start", v.start);
  const json& questions = r.array("questions");
  v.questions.clear();
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const std::string path = indexed("questions", i);
    ObjectReader q(questions[i], path, errors);
    GuideQuestion question;
    q.required("id", question.id);
    q.required_enum("kind", question.kind, parse_question_kind);
    q.required("text", question.text);
    q.optional("help", question.help);
    if (const json& options = q.optional_array("options"); options.is_array()) {
      for (std::size_t k = 0; k < options.size(); ++k) {
        ObjectReader o(options[k], path + "." + indexed("options", k), errors);
        GuideOption option;
        o.required("value", option.value);
        o.required("label", option.label);
        o.finish();
        question.options.push_back(std::move(option));
      }
    }
    optional_enum(q, "role", question.role, parse_settlement_role);
    q.optional("min", question.min);
    q.optional("max", question.max);
    const json& branches = q.array("branches");
    for (std::size_t k = 0; k < branches.size(); ++k) {
      ObjectReader b(branches[k], path + "." + indexed("branches", k), errors);
      GuideBranch branch;
      b.required("when", branch.when);
      b.required("next", branch.next);
      b.finish();
      question.branches.push_back(std::move(branch));
    }
    q.required("otherwise", question.otherwise);
    q.finish();
    v.questions.push_back(std::move(question));
  }
  const json& outcomes = r.array("outcomes");
  v.outcomes.clear();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string path = indexed("outcomes", i);
    ObjectReader o(outcomes[i], path, errors);
    GuideOutcome outcome;
    o.required("id", outcome.id);
    o.required("title", outcome.title);
    o.optional("summary", outcome.summary);
    const json& steps = o.array("steps");
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const std::string step_path = path + "." + indexed("steps", k);
      ObjectReader s(steps[k], step_path, errors);
      GuideStep step;
      s.required("procedure_id", step.procedure_id);
      s.optional("when", step.when);
      s.optional("settlement", step.settlement);
      if (const json& docs = s.optional_array("documents"); docs.is_array())
        step.documents = read_conditionals(docs, step_path + ".documents", errors);
      if (const json& fees = s.optional_array("fees"); fees.is_array())
        step.fees = read_conditionals(fees, step_path + ".fees", errors);
      s.optional("note", step.note);
      s.finish();
      outcome.steps.push_back(std::move(step));
    }
    if (const json& notes = o.optional_array("notes"); notes.is_array())
      outcome.notes = read_conditionals(notes, path + ".notes", errors);
    o.finish();
    v.outcomes.push_back(std::move(outcome));
  }
  r.optional("sources", v.sources);
  r.optional("as_of", v.as_of);
  r.finish();
  raise_if_any(errors);
}

}  // namespace ugk::kb
