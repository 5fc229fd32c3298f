#include "kb/validation.h"

#include <algorithm>
#include <array>
#include <set>

#include "kb/enums.h"
#include "kb/formats.h"
#include "kb/guide.h"
#include "kb/ids.h"
#include "kb/office_contact.h"
#include "kb/variant.h"

namespace ugk::kb {
namespace {

constexpr std::array<std::string_view, 4> kFormFormats{"paper", "pdf", "online", "anyk"};
constexpr std::array<std::string_view, 2> kCertainties{"sourced", "partly_unsure"};
constexpr std::array<std::string_view, 2> kAsOfBases{"source_date", "rule_date"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <std::size_t N>
std::string list_of(const std::array<std::string_view, N>& allowed) {
  std::string out;
  for (auto v : allowed) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string indexed(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

// Collects the issues of one record.
class Checker {
 public:
  explicit Checker(const RuleContext& context) : context_(context), refs_(context.refs) {}

  void fail(std::string field, std::string message) { issues_.push_back({std::move(field), std::move(message)}); }

  void id(const std::string& field, const std::string& value) {
    if (!is_valid_simple_id(value)) {
      fail(field, "érvénytelen azonosító: kisbetűk, számjegyek és egyszeres kötőjelek, legfeljebb " +
                      std::to_string(kMaxIdLength) +
                      " karakter (invalid id: lower-case ASCII letters and digits "
                      "joined by single hyphens)");
    }
  }

  void date(const std::string& field, const std::string& value) {
    if (!is_valid_date(value)) {
      fail(field, "érvénytelen dátum, ÉÉÉÉ-HH-NN szükséges (invalid date, expected YYYY-MM-DD)");
    }
  }

  void url(const std::string& field, const OptString& value) {
    if (value && !is_http_url(*value)) fail(field, "érvényes http(s) URL szükséges (expected an http(s) URL)");
  }

  void email(const std::string& field, const OptString& value) {
    if (value && !is_email(*value)) fail(field, "érvényes e-mail-cím szükséges (expected an e-mail address)");
  }

  void phone(const std::string& field, const OptString& value) {
    if (value && !is_phone(*value)) {
      fail(field, "érvényes telefonszám szükséges, pl. +36 52 123 456 (expected a phone number)");
    }
  }

  void opening_hours(const std::string& field, const OptString& value) {
    if (!value || !context_.opening_hours) return;
    if (auto problem = context_.opening_hours(*value)) fail(field, *problem);
  }

  void form_format(const std::string& field, const std::string& value) {
    if (!one_of(kFormFormats, value)) {
      fail(field, "ismeretlen érték (unknown value): " + value + "; lehet (allowed): " + list_of(kFormFormats));
    }
  }

  const Settlement* settlement(const std::string& field, std::string_view ksh) {
    const Settlement* s = refs_.settlement(ksh);
    if (s == nullptr && !refs_.unreadable(RecordKind::kSettlement, ksh)) {
      fail(field, "ismeretlen település (unknown settlement): " + in_quotes(ksh));
    }
    return s;
  }

  const District* district(const std::string& field, std::string_view code) {
    const District* d = refs_.district(code);
    if (d == nullptr && !refs_.unreadable(RecordKind::kDistrict, code)) {
      fail(field, "ismeretlen járás (unknown district): " + in_quotes(code));
    }
    return d;
  }

  const Office* office(const std::string& field, std::string_view id) {
    const Office* o = refs_.office(id);
    if (o == nullptr && !refs_.unreadable(RecordKind::kOffice, id)) {
      fail(field, "ismeretlen hivatal (unknown office): " + in_quotes(id));
    }
    return o;
  }

  const Form* form(const std::string& field, std::string_view id) {
    const Form* f = refs_.form(id);
    if (f == nullptr && !refs_.unreadable(RecordKind::kForm, id)) {
      fail(field, "ismeretlen űrlap (unknown form): " + in_quotes(id));
    }
    return f;
  }

  const Procedure* procedure(const std::string& field, std::string_view id) {
    const Procedure* p = refs_.procedure(id);
    if (p == nullptr && !refs_.unreadable(RecordKind::kProcedure, id) &&
        !refs_.unreadable(RecordKind::kLocalProcedure, id)) {  // either source may have held it
      fail(field, "ismeretlen ügy (unknown procedure): " + in_quotes(id));
    }
    return p;
  }

  const References& refs() const { return refs_; }
  Issues take() { return std::move(issues_); }

 private:
  const RuleContext& context_;
  const References& refs_;
  Issues issues_;
};

bool is_municipal(OfficeKind kind) {
  return kind == OfficeKind::kMayorsOffice || kind == OfficeKind::kJointOffice || kind == OfficeKind::kBranch;
}

// The office id names a district (jh-) or a settlement (ph-, koh-, kir-) whose KSH office code must
// fit the kind.
void check_office_identity(Checker& c, const Office& o) {
  const std::string_view prefix = id_prefix(o.kind);
  if (!o.id.starts_with(prefix)) {
    c.fail("id", "az azonosító előtagja nem illik a hivatal fajtájához (id prefix does not match the kind): " +
                     std::string(to_string(o.kind)) + " → " + std::string(prefix));
    return;
  }
  const std::string_view suffix = std::string_view(o.id).substr(prefix.size());
  switch (o.kind) {
    case OfficeKind::kDistrictOffice:
      if (c.district("id", suffix) != nullptr && o.district_code != std::string(suffix)) {
        c.fail("district_code", "eltér az azonosítóban szereplő járástól (differs from the district in the id)");
      }
      break;
    case OfficeKind::kMayorsOffice:
    case OfficeKind::kJointOffice:
    case OfficeKind::kBranch: {
      const auto expected = o.kind == OfficeKind::kMayorsOffice  ? MunicipalOfficeCode::kOwnMayorsOffice
                            : o.kind == OfficeKind::kJointOffice ? MunicipalOfficeCode::kJointOfficeSeat
                                                                 : MunicipalOfficeCode::kJointOfficeMember;
      const Settlement* own = c.refs().settlement(suffix);
      if (own == nullptr) {
        if (!c.refs().unreadable(RecordKind::kSettlement, suffix)) {
          c.fail("id", "ismeretlen település az azonosítóban (unknown settlement in the id): " + in_quotes(suffix));
        }
      } else if (own->office_code != expected) {
        c.fail("id", "a település hivatali kódja " + std::to_string(static_cast<int>(own->office_code)) + ", a(z) " +
                         std::string(prefix) + " azonosítóhoz " + std::to_string(static_cast<int>(expected)) +
                         " kell (the settlement's office code does not fit the id prefix)");
      }
      if (o.settlement_ksh != std::string(suffix)) {
        c.fail("settlement_ksh", "eltér az azonosítóban szereplő településtől (differs from the settlement in the id)");
      }
      break;
    }
    case OfficeKind::kGovernmentWindow:
    case OfficeKind::kGovernmentWindowBus:
      break;
  }
}

void check_owner(Checker& c, const std::string& id, const std::string& owner_field, const std::string& owner,
                 const std::string& name) {
  if (id != owned_id(name, owner) || !is_valid_id(id)) {
    c.fail("id", "az azonosító alakja <név>@<hivatal> kell legyen, itt: " + in_quotes(owned_id(name, owner)) +
                     " (the id must be <name>@<office>)");
  }
  if (const Office* o = c.office(owner_field, owner); o != nullptr && !is_municipal(o->kind) &&
                                                      o->kind != OfficeKind::kDistrictOffice &&
                                                      o->kind != OfficeKind::kGovernmentWindow) {
    c.fail(owner_field,
           "helyi ügyleírást önkormányzati hivatal, járási hivatal vagy kormányablak tarthat (only a "
           "municipal office, a district office or a government window keeps local procedures)");
  }
}

void check_fee_texts(Checker& c, const std::vector<Fee>& fees, const std::string& path) {
  for (std::size_t i = 0; i < fees.size(); ++i) {
    if (fees[i].label.empty()) c.fail(indexed(path, i) + ".label", "üres megnevezés (empty label)");
  }
}

}  // namespace

Issues check(const District& d, const RuleContext& context) {
  Checker c(context);
  if (!is_digits(d.code, 3)) c.fail("code", "nem háromjegyű járáskód (not a 3-digit district code)");
  return c.take();
}

Issues check(const Settlement& s, const RuleContext& context) {
  Checker c(context);
  if (!is_digits(s.ksh_code, 5)) c.fail("ksh_code", "nem ötjegyű KSH-kód (not a 5-digit KSH code)");
  if (s.district_code.empty()) {
    if (s.ksh_code != kBudapestKsh) c.fail("district_code", "hiányzó járáskód (missing district code)");
  } else {
    c.district("district_code", s.district_code);
  }
  switch (s.office_code) {
    case MunicipalOfficeCode::kOwnMayorsOffice:
      if (!s.office_seat_ksh.empty()) {
        c.fail("office_seat_ksh_code",
               "1-es hivatali kódú településnek nincs közös hivatali székhelye (a code 1 settlement has no "
               "joint-office seat): " +
                   in_quotes(s.office_seat_ksh));
      }
      break;
    case MunicipalOfficeCode::kJointOfficeSeat:
      if (s.office_seat_ksh != s.ksh_code) {
        c.fail("office_seat_ksh_code",
               "a közös hivatal székhelyének önmagára kell mutatnia (a code 2 seat must point to itself): " +
                   in_quotes(s.office_seat_ksh));
      }
      break;
    case MunicipalOfficeCode::kJointOfficeMember: {
      const Settlement* seat = c.refs().settlement(s.office_seat_ksh);
      if (seat == nullptr) {
        if (!c.refs().unreadable(RecordKind::kSettlement, s.office_seat_ksh)) {
          c.fail("office_seat_ksh_code", "ismeretlen székhely (unknown seat): " + in_quotes(s.office_seat_ksh));
        }
      } else if (seat->office_code != MunicipalOfficeCode::kJointOfficeSeat) {
        c.fail("office_seat_ksh_code",
               "a székhely hivatali kódja nem 2 (the seat's office code is not 2): " + in_quotes(s.office_seat_ksh));
      }
      break;
    }
  }
  return c.take();
}

Issues check(const Office& o, const RuleContext& context) {
  Checker c(context);
  c.id("id", o.id);
  check_office_identity(c, o);
  const Settlement* seat = nullptr;
  if (o.kind != OfficeKind::kGovernmentWindowBus && !o.settlement_ksh) {
    c.fail("settlement_ksh", "hiányzó település (missing settlement)");
  }
  if (o.settlement_ksh) seat = c.settlement("settlement_ksh", *o.settlement_ksh);
  if (o.district_code && c.district("district_code", *o.district_code) != nullptr && seat != nullptr &&
      seat->district_code != *o.district_code) {
    c.fail("district_code", "eltér a település járásától (differs from the settlement's district " +
                                in_quotes(seat->district_code) + ")");
  }
  c.url("website", o.website);
  c.email("email", o.email);
  c.phone("phone", o.phone);
  c.opening_hours("opening_hours", o.opening_hours);
  if (const auto& a = o.registered_address) {
    if (!is_digits(a->postal_code, 4)) {
      c.fail("registered_address.postal_code", "négyjegyű irányítószám szükséges (expected a 4-digit postal code)");
    }
    if (a->address.empty()) c.fail("registered_address.address", "üres cím (empty address)");
    if (!is_known_address_register(a->source)) {
      c.fail("registered_address.source", "ismeretlen nyilvántartás (unknown register): " + in_quotes(a->source) +
                                              "; lehet (allowed): " + std::string(kPirRegister));
    }
    c.date("registered_address.as_of", a->as_of);
  }
  return c.take();
}

Issues check(const Form& f, const RuleContext& context) {
  Checker c(context);
  c.id("id", f.id);
  c.form_format("format", f.format);
  c.url("url", f.url);
  for (std::size_t i = 0; i < f.procedures.size(); ++i) {
    const std::string field = indexed("procedures", i);
    const Procedure* p = c.procedure(field, f.procedures[i]);
    if (p != nullptr && std::find(p->forms.begin(), p->forms.end(), f.id) == p->forms.end()) {
      c.fail(field, "az ügy forms listája nem tartalmazza ezt az űrlapot (the procedure does not list this form): " +
                        in_quotes(f.procedures[i]));
    }
  }
  return c.take();
}

Issues check(RecordKind kind, const Procedure& p, const RuleContext& context) {
  Checker c(context);
  if (kind == RecordKind::kLocalProcedure) {
    if (!p.office_id) {
      c.fail("office_id", "helyi ügyleírásnál kötelező (required for a local procedure)");
    } else {
      const auto owned = split_owned_id(p.id);
      check_owner(c, p.id, "office_id", *p.office_id, owned ? owned->name : p.id);
    }
  } else {
    c.id("id", p.id);
    if (p.office_id) {
      c.fail("office_id",
             "országos ügyleírásnak nincs hivatala; helyi ügyleírás a local-procedures alatt vehető fel "
             "(a national procedure has no office)");
    }
  }
  if (p.as_of) c.date("as_of", *p.as_of);
  if (p.as_of_basis && !one_of(kAsOfBases, *p.as_of_basis)) {
    c.fail("as_of_basis",
           "ismeretlen érték (unknown value): " + *p.as_of_basis + "; lehet (allowed): " + list_of(kAsOfBases));
  }
  if (p.as_of.has_value() != p.as_of_basis.has_value()) {
    c.fail("as_of_basis", "az as_of és az as_of_basis csak együtt adható meg (as_of and as_of_basis go together)");
  }
  if (!one_of(kCertainties, p.certainty)) {
    c.fail("certainty",
           "ismeretlen érték (unknown value): " + p.certainty + "; lehet (allowed): " + list_of(kCertainties));
  } else if (p.certainty == "partly_unsure" && !p.certainty_note) {
    c.fail("certainty_note", "partly_unsure esetén kötelező (required for partly_unsure)");
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < p.forms.size(); ++i) {
    const std::string field = indexed("forms", i);
    if (!seen.insert(p.forms[i]).second) {
      c.fail(field, "ismétlődő űrlap (duplicate form): " + p.forms[i]);
    } else {
      c.form(field, p.forms[i]);
    }
  }
  for (std::size_t i = 0; i < p.sources.size(); ++i) c.url(indexed("sources", i), p.sources[i]);
  check_fee_texts(c, p.fees, "fees");
  std::set<std::string_view> related;
  for (std::size_t i = 0; i < p.related.size(); ++i) {
    const std::string field = indexed("related", i) + ".procedure_id";
    const std::string& id = p.related[i].procedure_id;
    if (id == p.id) {
      c.fail(field, "egy ügy nem kapcsolódhat önmagához (a procedure cannot be related to itself)");
    } else if (!related.insert(id).second) {
      c.fail(field, "ismétlődő kapcsolódó ügy (duplicate related procedure): " + in_quotes(id));
    } else {
      c.procedure(field, id);
    }
  }
  return c.take();
}

Issues check(const LocalVariant& v, const RuleContext& context) {
  Checker c(context);
  check_owner(c, v.id, "office_id", v.office_id, v.procedure_id);
  const Procedure* p = c.procedure("procedure_id", v.procedure_id);
  if (p != nullptr && p->office_id) {
    c.fail("procedure_id",
           "helyi ügyleírásnak nem lehet helyi változata, azt magát kell módosítani (a local "
           "procedure has no variants; edit it instead)");
  } else if (const Office* o = c.refs().office(v.office_id);
             p != nullptr && o != nullptr && !can_handle(o->kind, p->competence.authority)) {
    c.fail("office_id", "ez a hivatal nem intézi ezt az ügyet (" + std::string(to_string(p->competence.authority)) +
                            "), ezért helyi változata sem lehet (this office does not handle the procedure)");
  }
  if (v.forms) {
    for (std::size_t i = 0; i < v.forms->size(); ++i) {
      const VariantForm& f = (*v.forms)[i];
      const std::string path = indexed("forms", i);
      if (f.form_id) c.form(path + ".form_id", *f.form_id);
      if (f.format) c.form_format(path + ".format", *f.format);
      c.url(path + ".url", f.url);
    }
  }
  if (v.fees) check_fee_texts(c, *v.fees, "fees");
  c.url("online_url", v.online_url);
  if (v.contact) {
    c.phone("contact.phone", v.contact->phone);
    c.email("contact.email", v.contact->email);
  }
  return c.take();
}

Issues check(const Visit& v, const RuleContext& context) {
  Checker c(context);
  c.id("id", v.id);
  if (const Office* o = c.office("office_id", v.office_id);
      o != nullptr && o->kind != OfficeKind::kDistrictOffice && o->kind != OfficeKind::kGovernmentWindowBus) {
    c.fail("office_id",
           "látogatást csak járási hivatal vagy kormányablakbusz tarthat (only a district office or a government "
           "window bus visits): " +
               in_quotes(v.office_id));
  }
  c.settlement("settlement_ksh", v.settlement_ksh);
  c.opening_hours("schedule", v.schedule);
  return c.take();
}

Issues check(const CalendarDay& d, const RuleContext& context) {
  Checker c(context);
  c.date("date", d.date);
  return c.take();
}

Issues check(const Closure& closure, const RuleContext& context) {
  Checker c(context);
  c.id("id", closure.id);
  const bool from_ok = is_valid_date(closure.from);
  const bool to_ok = is_valid_date(closure.to);
  c.date("from", closure.from);
  c.date("to", closure.to);
  // ISO dates compare correctly as strings.
  if (from_ok && to_ok && closure.to < closure.from) {
    c.fail("to", "a szünet vége megelőzi a kezdetét (to is before from): " + closure.from + " > " + closure.to);
  }
  if (closure.reopens) {
    c.date("reopens", *closure.reopens);
    if (is_valid_date(*closure.reopens) && to_ok && *closure.reopens <= closure.to) {
      c.fail("reopens", "az újranyitás nem a szünet utánra esik (reopens is not after to)");
    }
  }
  for (std::size_t i = 0; i < closure.applies_to.size(); ++i) {
    if (!parse_office_kind(closure.applies_to[i])) {
      c.fail(indexed("applies_to", i),
             "ismeretlen hivatalfajta (unknown office kind): " + in_quotes(closure.applies_to[i]));
    }
  }
  for (std::size_t i = 0; i < closure.exceptions.size(); ++i) {
    const ClosureException& e = closure.exceptions[i];
    const std::string path = indexed("exceptions", i);
    for (std::size_t k = 0; k < e.dates.size(); ++k) c.date(indexed(path + ".dates", k), e.dates[k]);
    for (std::size_t k = 0; k < e.office_ids.size(); ++k) c.office(indexed(path + ".office_ids", k), e.office_ids[k]);
    c.opening_hours(path + ".opening_hours", e.opening_hours);
  }
  return c.take();
}

Issues check(const Guide& guide, const RuleContext& context) {
  return guide::check_guide(guide, context.refs);
}

namespace {

constexpr std::size_t kMaxSearchPhraseBytes = 200;
constexpr std::size_t kMaxSearchListItems = 20;

// A phrase a search compares: one line of words, bounded (it becomes a line of the synonym list).
void search_phrase(Checker& c, const std::string& field, const std::string& value) {
  const bool blank = value.find_first_not_of(" \t") == std::string::npos;
  if (blank) {
    c.fail(field, "üres kifejezés (empty phrase)");
  } else if (value.size() > kMaxSearchPhraseBytes) {
    c.fail(field, "legfeljebb " + std::to_string(kMaxSearchPhraseBytes) + " bájt lehet (too long)");
  } else if (value.find_first_of("\t\r\n#") != std::string::npos) {
    c.fail(field, "tabulátor, sortörés és # nem lehet benne (no tab, line break or #)");
  }
}

}  // namespace

Issues check(const SearchSynonym& synonym, const RuleContext& context) {
  Checker c(context);
  c.id("id", synonym.id);
  search_phrase(c, "phrase", synonym.phrase);
  if (synonym.terms.empty()) c.fail("terms", "legalább egy szakkifejezés kell (at least one term)");
  if (synonym.terms.size() > kMaxSearchListItems) c.fail("terms", "legfeljebb 20 elem (at most 20 items)");
  for (std::size_t i = 0; i < synonym.terms.size() && i < kMaxSearchListItems; ++i) {
    search_phrase(c, indexed("terms", i), synonym.terms[i]);
  }
  return c.take();
}

Issues check(const BestBet& bet, const RuleContext& context) {
  Checker c(context);
  c.id("id", bet.id);
  search_phrase(c, "query", bet.query);
  if (bet.procedures.empty()) c.fail("procedures", "legalább egy ügy kell (at least one procedure)");
  if (bet.procedures.size() > kMaxSearchListItems) c.fail("procedures", "legfeljebb 20 elem (at most 20 items)");
  for (std::size_t i = 0; i < bet.procedures.size() && i < kMaxSearchListItems; ++i) {
    if (const Procedure* p = c.procedure(indexed("procedures", i), bet.procedures[i]); p && p->office_id) {
      c.fail(indexed("procedures", i),
             "csak országos ügy lehet (a national procedure only): " + in_quotes(bet.procedures[i]));
    }
  }
  return c.take();
}

Issues check_form_back_links(const Procedure& p, const References& refs) {
  Issues issues;
  for (std::size_t i = 0; i < p.forms.size(); ++i) {
    const Form* f = refs.form(p.forms[i]);
    if (f != nullptr && std::find(f->procedures.begin(), f->procedures.end(), p.id) == f->procedures.end()) {
      issues.push_back({indexed("forms", i),
                        "az űrlap procedures listája nem tartalmazza ezt az ügyet (the form does not list this "
                        "procedure): " +
                            in_quotes(p.forms[i])});
    }
  }
  return issues;
}

}  // namespace ugk::kb
