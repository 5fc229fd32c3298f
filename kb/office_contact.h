// How an office can be reached, decided once: which address the answer shows (the office's own, or a
// public register's seat address when it has none) and which contact details are unknown. The
// Hungarian sentences about it are in kb/wording_hu.h. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "kb/model.h"

namespace ugk::kb {

// RegisteredAddress::source of the state register of budgetary bodies (törzskönyvi nyilvántartás,
// PIR) of the Hungarian State Treasury.
inline constexpr std::string_view kPirRegister = "pir";
bool is_known_address_register(std::string_view source);

enum class AddressOrigin {
  kNone,      // no address known
  kOffice,    // the office's own (offices.json or an edit): always wins
  kRegister,  // a register's seat address: shown with its source and date, never as verified
};

struct OfficeLocation {
  AddressOrigin origin = AddressOrigin::kNone;
  const std::string* postal_code = nullptr;       // null when unknown
  const std::string* address = nullptr;           // null when unknown
  const RegisteredAddress* registered = nullptr;  // set for kRegister
};

OfficeLocation office_location(const Office& office);

// What a person cannot learn from the record.
struct ContactGaps {
  bool address = false;  // no address at all (a register address counts as known)
  bool phone = false;
  bool email = false;
  bool any() const { return address || phone || email; }
};

ContactGaps contact_gaps(const Office& office);

}  // namespace ugk::kb
