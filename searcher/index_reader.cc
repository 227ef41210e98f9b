// open_index: Xapian's errors and our compatibility checks, as dealsearch::Error.
#include "searcher/index_reader.h"

#include <nlohmann/json.hpp>

#include "analyzers/error.h"
#include "analyzers/schema.h"

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
  throw Error(ErrorKind::kLibrary, "Xapian failed reading the index: " + what, where,
              "if this persists, rebuild the index with 'dealsearch index'");
}

Xapian::Database open_index(const std::filesystem::path& path,
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
  const auto metadata = [&](std::string_view key) {
    return with_read_errors(path.string(), [&] { return db.get_metadata(std::string(key)); });
  };
  const std::string version = metadata(schema::kMetaSchemaVersion);
  if (version != std::to_string(schema::kVersion)) {
    throw Error(ErrorKind::kSchemaMismatch,
                "the index has schema version '" + version + "', this searcher reads version " +
                    std::to_string(schema::kVersion),
                path.string(), kReindexHint);
  }
  const std::string analyzer = metadata(schema::kMetaAnalyzer);
  if (analyzer != analyzer_fingerprint) {
    throw Error(ErrorKind::kSchemaMismatch,
                "the index was built by another analyzer (" + analyzer + "), this searcher has " +
                    std::string(analyzer_fingerprint),
                path.string(), kReindexHint);
  }
  return db;
}

IndexInfo index_info(const Xapian::Database& db) {
  IndexInfo info;
  info.documents = db.get_doccount();
  info.commit = db.get_revision();
  info.revision = db.get_uuid() + ":" + std::to_string(info.commit);
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
