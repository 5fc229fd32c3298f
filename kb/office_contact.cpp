#include "kb/office_contact.h"

namespace ugk::kb {

bool is_known_address_register(std::string_view source) {
  return source == kPirRegister;
}

OfficeLocation office_location(const Office& office) {
  OfficeLocation location;
  if (office.address) {
    location.origin = AddressOrigin::kOffice;
    location.address = &*office.address;
    if (office.postal_code) location.postal_code = &*office.postal_code;
  } else if (office.registered_address) {
    location.origin = AddressOrigin::kRegister;
    location.registered = &*office.registered_address;
    location.address = &office.registered_address->address;
    location.postal_code = &office.registered_address->postal_code;
  }
  return location;
}

ContactGaps contact_gaps(const Office& office) {
  return {office_location(office).origin == AddressOrigin::kNone, !office.phone, !office.email};
}

}  // namespace ugk::kb
