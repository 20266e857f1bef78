#pragma once

#include "core/domain/XpTransaction.h"
#include "core/ledger/Ledger.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// How xpadmin-cli shows the ledger's values, in text and in JSON.
namespace CliFormat {

// "+50" or "-20".
QString signedAmount(qint64 amount);
// One transaction on one line, every field: createdAt (ISO-8601 UTC with ms), amount, sourceType,
// sourceId, category, userId, id, description.
QString transactionLine(const XpTransaction &row);
// What a write command did: {"action", "operationId", "transactions": [...], "totals": {...}}.
QJsonObject changeJson(const QString &action, const LedgerChange &change);
// The same as text: a headline, one line per transaction, each affected user's new total.
QString changeText(const QString &headline, const LedgerChange &change);
QJsonObject driftJson(const Drift &drift);
// Rows of cells as an aligned table, each cell on one line with its control characters shown
// escaped; rightAligned says which columns hold numbers.
QString table(const QList<QStringList> &rows, const QList<bool> &rightAligned);

} // namespace CliFormat
