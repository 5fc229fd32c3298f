#include "cli/keys_command.h"

#include <iostream>

#include "auth/api_key.h"
#include "cli/commands.h"
#include "kb/catalog.h"
#include "kb/store.h"
#include "service/data_dir.h"

namespace ugk::cli {

KeysCommand::KeysCommand(CLI::App& app) {
  command_ = app.add_subcommand("keys", "Manage API keys for the editing API (create, list, revoke)");
  command_->require_subcommand(1);
  command_->add_option("--data-dir", data_dir_, "Data folder")
      ->envname("UGK_DATA_DIR")
      ->required()
      ->check(CLI::ExistingDirectory);

  create_ = command_->add_subcommand("create", "Create a key; prints its token once (only a hash is stored)");
  create_->add_option("--name", name_, "Who the key is for, e.g. \"Hajdúnánás KÖH ügyfélszolgálat\"")->required();
  create_
      ->add_option("--role", role_, "admin: every record; editor: the listed offices' records (reading needs no key)")
      ->required()
      ->check(CLI::IsMember({"admin", "editor"}));
  create_->add_option("--office", offices_, "Office id an editor may change (repeatable)");

  list_ = command_->add_subcommand("list", "List keys (never their secrets)");

  revoke_ = command_->add_subcommand("revoke", "Revoke a key at once");
  revoke_->add_option("ID", revoke_id_, "Key id (as listed)")->required();
  // `keys create --data-dir D` reads as naturally as `keys --data-dir D create`.
  for (CLI::App* sub : {create_, list_, revoke_}) sub->fallthrough();
}

int KeysCommand::run() const {
  kb::Store store(service::DataDir{data_dir_}.database());
  if (*create_) {
    const auto role = auth::parse_role(role_);
    if (*role == auth::Role::kEditor && offices_.empty()) {
      std::cerr << "Szerkesztői kulcshoz legalább egy --office kell (an editor key needs --office).\n";
      return kExitUsage;
    }
    const kb::Catalog catalog(store.load_all());
    for (const auto& office : offices_) {
      if (catalog.office(office) == nullptr) {
        std::cerr << "Ismeretlen hivatal (unknown office): " << office << '\n';
        return kExitInvalidData;
      }
    }
    const auth::NewKey key = auth::mint_key(name_, *role, offices_);
    store.add_key(key.record);
    std::cout << "Kulcs létrehozva (key created): " << key.record.id << "\n"
              << "Token (csak most látható / shown only now):\n"
              << key.token << '\n';
    return kExitOk;
  }
  if (*list_) {
    for (const auto& k : store.keys()) {
      std::cout << k.id << '\t' << k.role << '\t' << k.name << '\t';
      for (const auto& o : k.offices) std::cout << o << ' ';
      std::cout << '\t' << k.created_at << '\t' << (k.revoked_at ? "visszavonva " + *k.revoked_at : "aktív") << '\n';
    }
    return kExitOk;
  }
  if (store.revoke_key(revoke_id_)) {
    std::cout << "Kulcs visszavonva (key revoked): " << revoke_id_ << '\n';
    return kExitOk;
  }
  std::cerr << "Nincs ilyen aktív kulcs (no such active key): " << revoke_id_ << '\n';
  return kExitNotFound;
}

}  // namespace ugk::cli
