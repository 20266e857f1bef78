#pragma once

#include <QJsonObject>
#include <QString>

struct Statement;
struct StatementEntry;

// A statement as JSON, for scripts (xpadmin-cli --json statement): names, not prose.
namespace StatementJson {

QJsonObject toJson(const Statement &statement);
// "added", "external", "removed" or "restored".
QString kindName(const StatementEntry &entry);

} // namespace StatementJson
