#include "kb/wording_hu.h"

#include <algorithm>
#include <vector>

#include "kb/enums.h"
#include "kb/ids.h"
#include "kb/office_contact.h"
#include "kb/text_fold.h"

namespace ugk::kb {
namespace {

// "a Hajdúnánási Közös Önkormányzati Hivatal"
std::string with_article(const std::string& name) {
  return article(name) + " " + name;
}

// The records a reason names, looked up once; names fall back to the ids.
class Names {
 public:
  Names(const Catalog& catalog, const ReasonParams& params) : catalog_(catalog), params_(params) {
    if (params.settlement_ksh) settlement_ = catalog.settlement(*params.settlement_ksh);
  }

  std::string settlement() const { return settlement_ ? settlement_->name : params_.settlement_ksh.value_or(""); }

  std::string office() const {
    const Office* o = params_.office_id ? catalog_.office(*params_.office_id) : nullptr;
    return o ? o->name : params_.office_id.value_or("");
  }

  std::string seat() const {
    const Settlement* s = params_.seat_ksh ? catalog_.settlement(*params_.seat_ksh) : nullptr;
    return s ? s->name : params_.seat_ksh.value_or("");
  }

  // " (Faluház)" when the visit names its place.
  std::string place() const {
    const Visit* v = params_.visit_id ? catalog_.visit(*params_.visit_id) : nullptr;
    return v && v->place ? " (" + *v->place + ")" : "";
  }

  // "a Keszthelyi járásban"; Budapest's districts are "kerület", and their KSH district name is the
  // district's own name, so they read "a kerületben".
  std::string in_district() const {
    const District* d = settlement_ ? catalog_.district(settlement_->district_code) : nullptr;
    if (d == nullptr || is_budapest_district(*settlement_)) return "a kerületben";
    return with_article(d->name) + " járásban";
  }

  std::string_view who_acts() const { return authority_phrase(params_.authority.value_or(Authority::kDistrictOffice)); }

 private:
  const Catalog& catalog_;
  const ReasonParams& params_;
  const Settlement* settlement_ = nullptr;
};

std::string front_office(const std::string& where, const Names& n) {
  return "Kormányablak " + where + ": " + with_article(n.office()) + " ügyfélszolgálata, itt is beadható a kérelem.";
}

constexpr std::string_view kAnyWindow = "Az ügy bármelyik kormányablakban intézhető; ";

}  // namespace

std::string article(std::string_view word) {
  const std::string folded = fold(word.substr(0, std::min<std::size_t>(word.size(), 4)));
  return !folded.empty() && std::string_view("aeiou").find(folded.front()) != std::string_view::npos ? "az" : "a";
}

std::string allative(std::string name) {
  static constexpr std::string_view kBack[] = {"a", "á", "o", "ó", "u", "ú"};
  static constexpr std::string_view kFrontRounded[] = {"ö", "ő", "ü", "ű"};
  static constexpr std::string_view kFront[] = {"e", "é", "i", "í"};
  std::string suffix = "hez";
  std::size_t best = std::string::npos;
  auto scan = [&](const auto& vowels, const char* candidate) {
    for (std::string_view v : vowels) {
      auto pos = name.rfind(v);
      if (pos != std::string::npos && (best == std::string::npos || pos > best)) {
        best = pos;
        suffix = candidate;
      }
    }
  };
  scan(kBack, "hoz");
  scan(kFrontRounded, "höz");
  scan(kFront, "hez");
  if (name.ends_with("a")) {
    name.replace(name.size() - 1, 1, "á");
  } else if (name.ends_with("e")) {
    name.replace(name.size() - 1, 1, "é");
  }
  return name + suffix;
}

std::string_view authority_name(Authority authority) {
  switch (authority) {
    case Authority::kNotary:
      return "Jegyző";
    case Authority::kRegistrar:
      return "Anyakönyvvezető";
    case Authority::kMayor:
      return "Polgármester";
    case Authority::kGovernmentWindow:
      return "Kormányablak";
    case Authority::kDistrictOffice:
      return "Járási hivatal";
    case Authority::kCentral:
      return "Központi szerv";
  }
  return "Hivatal";
}

std::string_view authority_phrase(Authority authority) {
  switch (authority) {
    case Authority::kNotary:
      return "a hivatal jegyzője jár el";
    case Authority::kRegistrar:
      return "a hivatal anyakönyvvezetője jár el";
    case Authority::kMayor:
      return "a kérelmet ebben a hivatalban kell benyújtani, a polgármester (képviselő-testület) dönt";
    case Authority::kGovernmentWindow:
    case Authority::kDistrictOffice:
    case Authority::kCentral:
      return "ez a hivatal jár el";
  }
  return "ez a hivatal jár el";
}

std::string_view territory_hint_text(Territory territory) {
  switch (territory) {
    case Territory::kAny:
      return "Az ügy országosan bármelyik illetékes hivatalban intézhető; a megadott településhez közelieket mutatjuk.";
    case Territory::kResidence:
      return "A megadott települést a kérelmező lakóhelyeként vettük figyelembe.";
    case Territory::kEventPlace:
      return "A megadott települést az esemény (születés, haláleset) helyeként vettük figyelembe.";
    case Territory::kPropertyPlace:
      return "A megadott települést az ingatlan, a telek, a fa vagy az állat helyeként vettük figyelembe.";
    case Territory::kBusinessPlace:
      return "A megadott települést az üzlet, a szálláshely vagy a telephely helyeként vettük figyelembe.";
    case Territory::kFoundPlace:
      return "A megadott települést a találás helyeként vettük figyelembe.";
  }
  return {};
}

std::string_view territory_hint_text(const Competence& competence) {
  if (competence.territory == Territory::kAny) return territory_hint_text(competence.territory);
  switch (settlement_role(competence)) {
    case SettlementRole::kDeceasedResidence:
      return "A megadott települést az elhunyt utolsó lakóhelyeként vettük figyelembe.";
    case SettlementRole::kVehicleOwnerResidence:
      return "A megadott települést a jármű tulajdonosának lakóhelyeként vettük figyelembe.";
    case SettlementRole::kApplicantResidence:
    case SettlementRole::kPropertyLocation:
    case SettlementRole::kBusinessSeat:
    case SettlementRole::kEventPlace:
    case SettlementRole::kFoundPlace:
      break;
  }
  return territory_hint_text(competence.territory);
}

std::string_view settlement_role_text(SettlementRole role) {
  switch (role) {
    case SettlementRole::kApplicantResidence:
      return "a kérelmező lakóhelye";
    case SettlementRole::kDeceasedResidence:
      return "az elhunyt utolsó lakóhelye";
    case SettlementRole::kPropertyLocation:
      return "az ingatlan (telek, épület) helye";
    case SettlementRole::kBusinessSeat:
      return "a vállalkozás székhelye vagy telephelye";
    case SettlementRole::kVehicleOwnerResidence:
      return "a jármű tulajdonosának lakóhelye";
    case SettlementRole::kEventPlace:
      return "az esemény (születés, haláleset) helye";
    case SettlementRole::kFoundPlace:
      return "a találás helye";
  }
  return {};
}

std::string_view settlement_question_text(SettlementRole role) {
  switch (role) {
    case SettlementRole::kApplicantResidence:
      return "Melyik településen lakik a kérelmező?";
    case SettlementRole::kDeceasedResidence:
      return "Melyik településen volt az elhunyt utolsó lakóhelye?";
    case SettlementRole::kPropertyLocation:
      return "Melyik településen van az ingatlan?";
    case SettlementRole::kBusinessSeat:
      return "Melyik településen van a vállalkozás székhelye vagy telephelye?";
    case SettlementRole::kVehicleOwnerResidence:
      return "Melyik településen lakik a jármű tulajdonosa?";
    case SettlementRole::kEventPlace:
      return "Melyik településen történt az esemény?";
    case SettlementRole::kFoundPlace:
      return "Melyik településen találta a tárgyat?";
  }
  return {};
}

std::string guide_answer_error_text(const guide::AnswerError& error, const GuideQuestion* question) {
  if (question == nullptr) return "A kalauznak nincs „" + error.question + "” kérdése; hagyja el ezt a paramétert.";
  const std::string asked = "A(z) „" + question->text + "” kérdésre adott „" + error.value + "” válasz ";
  if (error.code == "not_an_option") return asked + "nem a felkínáltak egyike; válasszon a listából.";
  if (error.code == "not_a_number") return asked + "nem egész szám.";
  if (error.code == "out_of_range") {
    std::string range;
    if (question->min) range += " legalább " + std::to_string(*question->min);
    if (question->max)
      range += (range.empty() ? " " : ", ") + std::string("legfeljebb ") + std::to_string(*question->max);
    return asked + "a megengedett tartományon kívül esik (" + range.substr(1) + ").";
  }
  if (error.code == "not_a_date") return asked + "nem érvényes dátum; ÉÉÉÉ-HH-NN alakban adja meg.";
  if (error.code == "unknown_settlement")
    return asked +
           "nem egyetlen települést jelöl; adja meg a település nevét pontosan, irányítószámát vagy KSH-kódját.";
  return asked + "nem használható.";
}

std::string central_authority_text(const Procedure& procedure) {
  return procedure.competence.note.value_or("Központi szerv");
}

std::string reason_text(const Catalog& catalog, const Reason& reason) {
  const Names n(catalog, reason.params);
  switch (reason.code) {
    case ReasonCode::kOwnMayorsOffice:
      return n.settlement() + " saját polgármesteri hivatalt tart fenn (" + n.office() + "); " +
             std::string(n.who_acts()) + ".";
    case ReasonCode::kJointOfficeSeat:
      return n.settlement() + " " + with_article(n.office()) + " székhelye; " + std::string(n.who_acts()) + ".";
    case ReasonCode::kJointOfficeMember:
      return n.settlement() + " " + article(n.office()) + " " + allative(n.office()) +
             " tartozik (székhely: " + n.seat() + "); " + std::string(n.who_acts()) + ".";
    case ReasonCode::kLocalBranch:
      return n.settlement() + " településen " + with_article(n.office()) +
             " fogad ügyfeleket: a kérelem helyben is beadható, az ügyben a " + n.seat() +
             " székhelyű közös hivatal jár el.";
    case ReasonCode::kDistrictOfficeTerritory:
      return n.settlement() + " " + with_article(n.office()) +
             " illetékességi területén fekszik; az ügyben ez a hivatal jár el.";
    case ReasonCode::kFrontOfficeLocal:
      return front_office("helyben, " + n.settlement() + " településen", n);
    case ReasonCode::kFrontOfficeInDistrict:
      return front_office(n.in_district(), n);
    case ReasonCode::kGovernmentWindowLocal:
      return std::string(kAnyWindow) + "ez helyben, " + n.settlement() + " településen van.";
    case ReasonCode::kGovernmentWindowInDistrict:
      return std::string(kAnyWindow) + "ez " + n.in_district() + " van.";
    case ReasonCode::kGovernmentWindowNearby:
      return std::string(kAnyWindow) + "ez a kormányablak kb. " + std::to_string(reason.params.km.value_or(0)) +
             " km-re van.";
    case ReasonCode::kDistrictOfficeAlternative:
      return "Az ügy bármelyik kormányablakban, járási hivatalban intézhető; " + n.settlement() + " járási hivatala " +
             with_article(n.office()) + ".";
    case ReasonCode::kBusStop:
      return "A mozgó kormányablak (kormányablakbusz) " + n.settlement() + " településen is megáll" + n.place() +
             "; az ügy ott is intézhető.";
    case ReasonCode::kAssistantVisit:
      return "A járási hivatal települési ügysegédje " + n.settlement() + " településen fogadóórát tart" + n.place() +
             "; a kérelem nála is beadható.";
  }
  return {};
}

std::string_view office_kind_text(OfficeKind kind) {
  switch (kind) {
    case OfficeKind::kDistrictOffice:
      return "Járási hivatal";
    case OfficeKind::kMayorsOffice:
      return "Polgármesteri hivatal";
    case OfficeKind::kJointOffice:
      return "Közös önkormányzati hivatal";
    case OfficeKind::kBranch:
      return "Kirendeltség";
    case OfficeKind::kGovernmentWindow:
      return "Kormányablak";
    case OfficeKind::kGovernmentWindowBus:
      return "Kormányablakbusz";
  }
  return "Hivatal";
}

std::string_view visit_kind_text(OfficeKind visiting_office_kind) {
  return visiting_office_kind == OfficeKind::kGovernmentWindowBus ? "Kormányablakbusz" : "Ügysegédi fogadóóra";
}

std::string settlement_label(const Settlement& settlement) {
  if (const int n = budapest_district_number(settlement)) {
    return "Budapest " + std::string(budapest_district_numeral(n)) + ". kerület";
  }
  return settlement.name;
}

std::string district_label(const District& district) {
  if (const int n = budapest_district_number(district)) {
    return "Budapest " + std::string(budapest_district_numeral(n)) + ". kerület";
  }
  return district.name + " járás";
}

std::string address_note(const RegisteredAddress& address) {
  const std::string register_name = address.source == kPirRegister ? "törzskönyvi nyilvántartás" : address.source;
  return "cím: " + register_name + ", " + address.as_of.substr(0, 4) + " (azóta változhatott)";
}

std::string contact_note(const Office& office) {
  const ContactGaps gaps = contact_gaps(office);
  if (!gaps.any()) return {};
  std::vector<std::string> missing;
  if (gaps.address) missing.emplace_back("címe");
  if (gaps.phone) missing.emplace_back("telefonszáma");
  if (gaps.email) missing.emplace_back("e-mail-címe");
  std::string what = missing.front();
  for (std::size_t i = 1; i < missing.size(); ++i) what += (i + 1 == missing.size() ? " és " : ", ") + missing[i];
  const bool municipal = office.kind == OfficeKind::kMayorsOffice || office.kind == OfficeKind::kJointOffice ||
                         office.kind == OfficeKind::kBranch;
  return "A hivatal " + what + " nálunk nem szerepel; " +
         (municipal ? "keresse a település honlapján, vagy kérdezze a Kormányzati Ügyfélvonalon (1818)."
                    : "tájékoztatás és időpontfoglalás: Kormányzati Ügyfélvonal (1818), idopontfoglalo.kh.gov.hu.");
}

std::string_view relaxed_search_notice() {
  return "Nem találtunk minden szóra illő ügyet; ezek a legközelebbiek.";
}

}  // namespace ugk::kb
