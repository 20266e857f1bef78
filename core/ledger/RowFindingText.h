#pragma once

#include "core/ledger/RowReconciler.h"

#include <QString>

// A row finding in words, the same in the CLI and the window: which row, which field, the
// table's value, the log's, and the event that holds the log's.
namespace RowFindingText {

// "amount", "userId", ... as a person reads them.
QString fieldName(const QString &field);
// One line, e.g. row ck1: amount is 500 in the table, but 30 in the audit log (event 5, award).
QString describe(const RowFinding &finding);
// A whole row (missing or reappeared) in words: "Ada Lovelace (user u1), amount 10"; without the
// id where the id is shown apart: "Ada Lovelace, amount 10".
enum class UserId { Shown, Left };
QString wholeRow(const RowFinding &finding, UserId id = UserId::Shown);
// What to do about findings of this kind: XP Admin never changes a row from the log.
QString advice(RowFinding::Kind kind);
// The kind as a short key for JSON and scripts: changed, missing, reappeared.
QString key(RowFinding::Kind kind);

} // namespace RowFindingText
