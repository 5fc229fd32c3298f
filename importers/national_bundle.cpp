#include "importers/national_bundle.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "importers/office_structure.h"
#include "kb/enums.h"
#include "kb/ids.h"
#include "kb/json_codec.h"
#include "kb/variant.h"

namespace ugk::importers {
namespace {

using nlohmann::json;

constexpr const char* kIllustrative = "illustrative (generated national demo bundle)";
// The municipalities' common e-administration portal (Önkormányzati Hivatali Portál of the ASP
// system), where local taxes and many notary cases are filed online.
constexpr const char* kMunicipalPortal = "https://ohp-20.asp.lgov.hu/";

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_) < p; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
  }

 private:
  std::mt19937 engine_;
};

constexpr std::array<const char*, 16> kSurnames{"Kovács", "Szabó",  "Tóth",    "Nagy",    "Horváth", "Varga",
                                                "Kiss",   "Molnár", "Németh",  "Farkas",  "Balogh",  "Papp",
                                                "Takács", "Juhász", "Lakatos", "Mészáros"};
constexpr std::array<const char*, 16> kGivenNames{"Anna",   "Katalin", "Éva",   "Zsuzsanna", "Erika",  "Mária",
                                                  "Judit",  "Ildikó",  "Gábor", "László",    "Zoltán", "Péter",
                                                  "István", "Attila",  "Tamás", "Krisztina"};
constexpr std::array<const char*, 12> kMonths{"I.",   "II.",   "III.", "IV.", "V.",  "VI.",
                                              "VII.", "VIII.", "IX.",  "X.",  "XI.", "XII."};

// Everything a template needs to write an office's text.
struct Place {
  const kb::Office& office;
  std::string municipality;  // whose council issues the office's decrees
};

std::string decree(Random& random, const Place& place, const std::string& subject) {
  return place.municipality + " Önkormányzata Képviselő-testületének " + std::to_string(random.between(1, 28)) + "/" +
         std::to_string(random.between(2016, 2025)) + ". (" + random.pick(kMonths) + " " +
         std::to_string(random.between(1, 28)) + ".) önkormányzati rendelete " + subject;
}

kb::ContactPoint contact(Random& random, const std::string& what) {
  kb::ContactPoint c;
  c.name = std::string(random.pick(kSurnames)) + " " + random.pick(kGivenNames) + " (" + what + ")";
  c.room = random.chance(0.5)
               ? "földszint " + std::to_string(random.between(1, 12)) + ". iroda"
               : std::to_string(random.between(1, 2)) + ". emelet " + std::to_string(random.between(1, 30)) + ". iroda";
  c.phone = "+36 " + std::to_string(random.between(22, 99)) + " " + std::to_string(random.between(200, 999)) + " " +
            std::to_string(random.between(100, 999));
  return c;
}

kb::LocalVariant base_variant(const kb::Procedure& national, const Place& place) {
  kb::LocalVariant v;
  v.id = kb::owned_id(national.id, place.office.id);
  v.procedure_id = national.id;
  v.office_id = place.office.id;
  v.provenance = kIllustrative;
  return v;
}

// The national fees with the ones a local decree sets filled in.
std::vector<kb::Fee> with_local_amount(const kb::Procedure& national, const std::string& label_part,
                                       std::int64_t amount, const std::string& note, const std::string& decree_text) {
  std::vector<kb::Fee> fees = national.fees;
  for (kb::Fee& fee : fees) {
    if (fee.label.find(label_part) == std::string::npos) continue;
    fee.amount_huf = amount;
    fee.note = note;
    fee.decree = decree_text;
  }
  return fees;
}

kb::VariantForm own_form(const std::string& title) {
  return {std::nullopt, title, std::string("paper"), std::nullopt};
}

using Template = std::function<kb::LocalVariant(const kb::Procedure&, const Place&, Random&)>;

// What offices commonly set locally, by procedure: the cases the law leaves to local decrees or where
// offices publish their own forms and contacts.
const std::map<std::string, Template>& templates() {
  static const std::map<std::string, Template> kTemplates = {
      {"hazassagkotesi-szandek-bejelentese-es-hazassagkotes",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         const std::string d =
             decree(r, place, "a házasságkötések hivatali helyiségen kívüli engedélyezéséről és díjairól");
         v.fees =
             with_local_amount(p, "helyiségen kívüli", r.between(4, 12) * 5000, "a helyi rendelet szerinti díj", d);
         v.local_legal_basis = {d};
         v.contact = contact(r, "anyakönyvvezető");
         v.note = "A szándék bejelentéséhez előzetes időpont-egyeztetés szükséges az anyakönyvvezetővel.";
         return v;
       }},
      {"kozterulet-hasznalati-engedely",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         const std::string d = decree(r, place, "a közterületek használatáról");
         v.fees = with_local_amount(p, "Közterület-használati díj", r.between(2, 12) * 50,
                                    "Ft/m²/nap, a helyi rendelet szerint", d);
         v.forms = std::vector<kb::VariantForm>{own_form("Közterület-használati kérelem (" + place.office.name + ")")};
         v.local_legal_basis = {d};
         return v;
       }},
      {"ebosszeiras",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         v.forms = std::vector<kb::VariantForm>{{std::string("ebosszeiro-adatlap"), {}, {}, {}},
                                                own_form("Ebösszeíró adatlap – " + place.municipality)};
         v.online_url = kMunicipalPortal;
         v.deadline =
             "Az ebösszeíró adatlapot a hivatal felhívásában megadott határidőig (jellemzően 30 napon belül) kell "
             "benyújtani.";
         v.contact = contact(r, "ebösszeírás");
         return v;
       }},
      {"helyi-iparuzesi-ado-bevallas",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         const std::string d = decree(r, place, "a helyi iparűzési adóról");
         v.local_legal_basis = {d};
         v.note =
             "Az adó mértéke a helyi rendelet szerint az adóalap " + std::to_string(r.between(10, 20)) + " ezreléke.";
         v.online_url = kMunicipalPortal;
         v.contact = contact(r, "adóügyi ügyintéző");
         return v;
       }},
      {"telepulesi-tamogatas",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         const std::string d = decree(r, place, "a települési támogatásokról");
         v.summary = place.municipality +
                     " önkormányzata települési támogatásként lakhatási, gyógyszer- és temetési "
                     "támogatást nyújt a helyi rendelet feltételei szerint.";
         v.local_legal_basis = {d};
         v.forms = std::vector<kb::VariantForm>{
             own_form("Kérelem települési támogatás megállapítására (" + place.municipality + ")")};
         v.extra_documents = {"Lakcímkártya", "A háztartás tagjainak jövedelemigazolása az előző hónapról"};
         v.contact = contact(r, "szociális ügyintéző");
         return v;
       }},
      {"fakivagas-sajat-telken",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         const std::string d = decree(r, place, "a fás szárú növények védelméről");
         v.description =
             "A(z) " + place.municipality +
             " belterületén a saját telken álló fa kivágását a helyi rendelet "
             "engedélyhez köti; a kérelemhez a fa helyét és fajtáját meg kell adni, a pótlásról a jegyző dönt.";
         v.local_legal_basis = {d};
         return v;
       }},
      {"anyakonyvi-kivonat-kerese",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         v.contact = contact(r, "anyakönyvvezető");
         v.note = "Az anyakönyvi kivonat személyesen az ügyfélfogadási időben, előre egyeztetett időpontban vehető át.";
         return v;
       }},
      {"jegyzoi-birtokvedelmi-eljaras",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         v.contact = contact(r, "igazgatási ügyintéző");
         return v;
       }},
      {"kozgyogyellatas",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         v.contact = contact(r, "szociális ügyintéző");
         v.note = "A kérelem a települési ügysegédnél is beadható a kihelyezett ügyfélfogadásán.";
         return v;
       }},
      {"apolasi-dij",
       [](const kb::Procedure& p, const Place& place, Random& r) {
         kb::LocalVariant v = base_variant(p, place);
         v.contact = contact(r, "szociális ügyintéző");
         return v;
       }},
  };
  return kTemplates;
}

// Local-only procedures offices keep under their own decrees (no national text exists).
struct LocalTemplate {
  const char* slug;
  const char* title;
  const char* title_en;
  const char* category;
  kb::Authority authority;
  kb::Territory territory;
  const char* summary;
  const char* subject;  // of the decree
  std::vector<std::string> keywords;
  std::vector<std::string> documents;
};

const std::vector<LocalTemplate>& local_templates() {
  static const std::vector<LocalTemplate> kTemplates = {
      {"szocialis-tuzifa-tamogatas",
       "Szociális célú tűzifa-támogatás",
       "Firewood support",
       "Szociális ellátás",
       kb::Authority::kMayor,
       kb::Territory::kResidence,
       "Az önkormányzat a fűtési idényben szociális alapon tűzifát ad a rászoruló háztartásoknak.",
       "a szociális célú tüzelőanyag-támogatásról",
       {"tűzifa", "tuzifa", "fűtés", "fa támogatás"},
       {"Kérelem", "Jövedelemnyilatkozat", "Lakcímkártya"}},
      {"iskolakezdesi-tamogatas",
       "Iskolakezdési támogatás",
       "School start allowance",
       "Családtámogatás",
       kb::Authority::kMayor,
       kb::Territory::kResidence,
       "Az önkormányzat a tanév kezdetén egyszeri támogatást ad a helyben lakó iskolás gyermekek után.",
       "az iskolakezdési támogatásról",
       {"iskolakezdés", "iskolakezdes", "tanszer", "iskola támogatás"},
       {"Kérelem", "Iskolalátogatási igazolás", "A gyermek lakcímkártyája"}},
      {"babakoszonto-tamogatas",
       "Babaköszöntő támogatás",
       "New baby grant",
       "Családtámogatás",
       kb::Authority::kMayor,
       kb::Territory::kResidence,
       "Az önkormányzat a helyben lakó szülőknek a gyermek születése után egyszeri babaköszöntő támogatást ad.",
       "a babaköszöntő támogatásról",
       {"babaköszöntő", "babakoszonto", "születési támogatás", "baba"},
       {"Kérelem", "A gyermek születési anyakönyvi kivonata", "Lakcímkártya"}},
      {"elso-lakashoz-jutok-tamogatasa",
       "Első lakáshoz jutók helyi támogatása",
       "First home support",
       "Ingatlan",
       kb::Authority::kMayor,
       kb::Territory::kPropertyPlace,
       "Az önkormányzat a településen első lakásukat megszerző fiataloknak vissza nem térítendő támogatást ad.",
       "a fiatalok első lakáshoz jutásának helyi támogatásáról",
       {"első lakás", "elso lakas", "lakástámogatás"},
       {"Kérelem", "Adásvételi szerződés vagy építési engedély", "Jövedelemigazolás"}},
      {"helyi-epitmenyado-bevallas",
       "Helyi építményadó bevallása",
       "Local building tax return",
       "Adó",
       kb::Authority::kNotary,
       kb::Territory::kPropertyPlace,
       "Az építmény tulajdonosa az adókötelezettség keletkezésétől számított 15 napon belül adatot szolgáltat az "
       "önkormányzati adóhatóságnak.",
       "az építményadóról",
       {"építményadó", "epitmenyado", "helyi adó", "ingatlanadó"},
       {"Adatbejelentő nyomtatvány", "Tulajdoni lap vagy adásvételi szerződés"}},
  };
  return kTemplates;
}

kb::Procedure local_procedure(const LocalTemplate& t, const Place& place, Random& random) {
  kb::Procedure p;
  p.id = kb::owned_id(t.slug, place.office.id);
  p.office_id = place.office.id;
  p.title = t.title;
  p.title_en = t.title_en;
  p.category = t.category;
  p.summary = t.summary;
  p.description = std::string(t.summary) + " A részletes feltételeket " + place.municipality +
                  " önkormányzatának rendelete határozza meg; a kérelmet a(z) " + place.office.name +
                  " ügyfélszolgálatán lehet benyújtani.";
  p.keywords = t.keywords;
  p.competence = {t.authority, t.territory, std::nullopt, place.office.name + " (helyi rendelet alapján)"};
  p.channels.in_person = true;
  p.channels.post = true;
  p.documents = t.documents;
  p.fees = {{"Eljárás", 0, "az eljárás díjmentes", std::nullopt}};
  const std::string d = decree(random, place, t.subject);
  p.legal_basis = {d};
  p.certainty = "partly_unsure";
  p.certainty_note = "Illusztratív, generált helyi ügyleírás (országos demócsomag).";
  return p;
}

bool handles_locally(kb::OfficeKind kind) {
  return kind == kb::OfficeKind::kMayorsOffice || kind == kb::OfficeKind::kJointOffice ||
         kind == kb::OfficeKind::kDistrictOffice;
}

}  // namespace

LocalContent generate_local_content(const kb::Bundle& bundle, const NationalBundleOptions& options) {
  Random random(options.seed);
  std::map<std::string, const kb::Settlement*> settlements;
  for (const auto& s : bundle.settlements) settlements.emplace(s.ksh_code, &s);
  std::map<std::string, const kb::Procedure*> procedures;
  for (const auto& p : bundle.procedures) procedures.emplace(p.id, &p);
  std::vector<const kb::Office*> offices;
  for (const auto& o : bundle.offices) {
    if (!handles_locally(o.kind) || !o.settlement_ksh) continue;
    if (!options.districts.empty() && (!o.district_code || !options.districts.contains(*o.district_code))) continue;
    offices.push_back(&o);
  }
  std::sort(offices.begin(), offices.end(), [](const kb::Office* a, const kb::Office* b) { return a->id < b->id; });

  LocalContent content;
  std::map<std::string, std::vector<const kb::Office*>> municipal_by_county;
  for (const kb::Office* office : offices) {
    const kb::Settlement* seat = settlements.at(*office->settlement_ksh);
    const Place place{*office, seat->name};
    if (office->kind != kb::OfficeKind::kDistrictOffice) municipal_by_county[seat->county].push_back(office);
    if (!random.chance(options.variant_share)) continue;
    for (const auto& [procedure_id, make] : templates()) {
      auto it = procedures.find(procedure_id);
      if (it == procedures.end() || !kb::can_handle(office->kind, it->second->competence.authority)) continue;
      if (!random.chance(0.5)) continue;
      content.variants.push_back(make(*it->second, place, random));
    }
  }
  for (const auto& [county, county_offices] : municipal_by_county) {
    std::vector<const kb::Office*> chosen;
    for (int i = 0; i < options.local_procedures_per_county && !county_offices.empty(); ++i) {
      const kb::Office* office =
          county_offices[static_cast<std::size_t>(random.between(0, static_cast<int>(county_offices.size()) - 1))];
      if (std::find(chosen.begin(), chosen.end(), office) != chosen.end()) continue;
      chosen.push_back(office);
      const Place place{*office, settlements.at(*office->settlement_ksh)->name};
      const auto& all = local_templates();
      const LocalTemplate& t = all[static_cast<std::size_t>(random.between(0, static_cast<int>(all.size()) - 1))];
      content.local_procedures.push_back(local_procedure(t, place, random));
    }
  }
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(content.variants.begin(), content.variants.end(), by_id);
  std::sort(content.local_procedures.begin(), content.local_procedures.end(), by_id);
  return content;
}

namespace {

template <typename T>
void write_json_array(const std::filesystem::path& file, const std::vector<T>& records) {
  json list = json::array();
  for (const auto& record : records) list.push_back(json(record));
  std::ofstream out(file, std::ios::trunc);
  out << list.dump(2) << '\n';
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

void write_national_bundle(const std::filesystem::path& source, const std::filesystem::path& target,
                           const LocalContent& content, const NationalBundleOptions& options) {
  const std::filesystem::path staging = target.string() + ".partial";
  std::filesystem::remove_all(staging);
  std::filesystem::create_directories(staging.parent_path());
  std::filesystem::copy(source, staging, std::filesystem::copy_options::recursive);
  write_json_array(staging / "local_procedures.json", content.local_procedures);
  write_json_array(staging / "local_variants.json", content.variants);
  {
    std::ofstream readme(staging / "README.generated.md", std::ios::trunc);
    readme << "# National demo bundle (generated)\n\n"
           << "This folder is the reference bundle of `" << source.string()
           << "` plus generated local content: " << content.variants.size()
           << " local variants in `local_variants.json` and " << content.local_procedures.size()
           << " local-only procedures in `local_procedures.json`, generated by "
           << "`ugykalauz generate-bundle` (seed " << options.seed << ", variant share " << options.variant_share
           << "). The local texts, decree numbers, contacts and fees are illustrative: they show how offices' local "
           << "variation looks in the model, not what any office has decided.\n";
  }
  std::filesystem::remove_all(target);
  std::filesystem::rename(staging, target);
}

}  // namespace ugk::importers
