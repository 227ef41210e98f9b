// open_index: Xapian's errors and our compatibility checks, as dealsearch::Error.
#include "searcher/index_reader.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "analyzers/error.h"
#include "analyzers/schema.h"
#include "searcher/shards.h"

namespace dealsearch::searcher {
namespace {

constexpr char kReindexHint[] =
    "re-index: run 'dealsearch index --db PATH INPUT...' with this version of dealsearch";

}  // namespace

void throw_read_error(const Xapian::Error& error, const std::string& where) {
  const std::string what = error.get_description();
  // Xapian::Error has no virtual functions to cast by: its type is a name.
  const std::string_view type = error.get_type();
  if (type == "DatabaseModifiedError") {
    throw Error(ErrorKind::kIndexChanging, "the index changed while it was being read: " + what,
                where, "try again in a moment; this passes when the re-index is done");
  }
  if (type == "DatabaseCorruptError") {
    throw Error(ErrorKind::kIndexDamaged, "the index is damaged: " + what, where,
                "rebuild it with 'dealsearch index --db " + where + " INPUT...'");
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError" ||
      type == "DatabaseVersionError" || type == "DatabaseClosedError") {
    throw Error(ErrorKind::kIndex, "cannot open the index: " + what, where,
                "build it (again) with 'dealsearch index --db " + where + " INPUT...'");
  }
  if (type == "NetworkError" || type == "NetworkTimeoutError") {
    throw Error(ErrorKind::kIndex, "a shard of the index does not answer: " + what, where,
                "check that xapian-tcpsrv runs for each remote shard; a search goes on without "
                "a shard once it is found dead");
  }
  throw Error(ErrorKind::kLibrary, "Xapian failed reading the index: " + what, where,
              "if this persists, rebuild the index with 'dealsearch index'");
}

Shards open_index(const std::filesystem::path& path, std::string_view analyzer_fingerprint,
                  const ShardOptions& options, std::shared_ptr<ShardHealth> health) {
  return Shards(path, std::string(analyzer_fingerprint), options, std::move(health));
}

Xapian::Database open_database(const std::filesystem::path& path,
                               std::string_view analyzer_fingerprint) {
  Xapian::Database db;
  try {
    db = Xapian::Database(path.string());
  } catch (const Xapian::DatabaseCorruptError& error) {
    throw_read_error(error, path.string());
  } catch (const Xapian::Error& error) {
    throw Error(ErrorKind::kIndex, "cannot open the index: " + error.get_description(),
                path.string(),
                "build it first with 'dealsearch index --db " + path.string() + " corpus/'");
  }
  with_read_errors(path.string(), [&] {
    check_compatible(db, path.string(), analyzer_fingerprint);
    return 0;
  });
  return db;
}

void check_compatible(const Xapian::Database& db, const std::string& where,
                      std::string_view analyzer_fingerprint) {
  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  if (version != std::to_string(schema::kVersion)) {
    throw Error(ErrorKind::kSchemaMismatch,
                "the index has schema version '" + version + "', this searcher reads version " +
                    std::to_string(schema::kVersion),
                where, kReindexHint);
  }
  const std::string analyzer = db.get_metadata(std::string(schema::kMetaAnalyzer));
  if (analyzer != analyzer_fingerprint) {
    throw Error(ErrorKind::kSchemaMismatch,
                "the index was built by another analyzer (" + analyzer + "), this searcher has " +
                    std::string(analyzer_fingerprint),
                where, kReindexHint);
  }
}

size_t IndexInfo::shards_answering() const {
  return static_cast<size_t>(std::count_if(
      shards.begin(), shards.end(), [](const ShardState& shard) { return shard.answering; }));
}

IndexInfo index_info(const Shards& shards) {
  const Xapian::Database& db = shards.database();
  IndexInfo info;
  info.documents = db.get_doccount();
  info.revision = shards.revision();
  info.shards = shards.states();
  info.built_at = db.get_metadata(std::string(schema::kMetaBuiltAt));
  const std::string names = db.get_metadata(std::string(schema::kMetaMinistryNames));
  const nlohmann::json parsed = nlohmann::json::parse(names, nullptr, false);
  if (parsed.is_object()) {
    for (const auto& [code, name] : parsed.items()) {
      if (name.is_string()) {
        info.ministry_names[code] = name.get<std::string>();
      }
    }
  }
  const nlohmann::json aliases = nlohmann::json::parse(
      db.get_metadata(std::string(schema::kMetaMinistryAliases)), nullptr, false);
  if (aliases.is_object()) {
    for (const auto& [alias, code] : aliases.items()) {
      if (code.is_string()) {
        info.ministry_aliases[alias] = code.get<std::string>();
      }
    }
  }
  const nlohmann::json themes = nlohmann::json::parse(
      db.get_metadata(std::string(schema::kMetaThemeKeywords)), nullptr, false);
  if (themes.is_object()) {
    for (const auto& [theme, keywords] : themes.items()) {
      if (!keywords.is_array()) {
        continue;
      }
      for (const nlohmann::json& keyword : keywords) {
        if (keyword.is_string()) {
          info.theme_keywords[theme].push_back(keyword.get<std::string>());
        }
      }
    }
  }
  return info;
}

}  // namespace dealsearch::searcher
